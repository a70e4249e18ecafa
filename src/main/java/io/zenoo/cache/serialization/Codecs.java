package io.zenoo.cache.serialization;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;

/**
 * Creates the built-in codecs, and the codec a configuration names: the {@code serializer} parameter of a
 * Redis cache ({@code json}, {@code java}, its alias {@code pickle}, or the class name of a custom
 * {@link Codec}).
 */
public final class Codecs {

  /** The names of the built-in codecs, as {@link #forName} accepts them (in any case). */
  public static final List<String> NAMES = List.of("json", "java", "pickle");

  private Codecs() {}

  /**
   * Returns the JSON codec (Jackson) for values of the declared type: type ids only where the declared
   * type needs them, checked against the allow-list. See {@link JsonCodec}.
   */
  public static <T> Codec<T> json(Class<T> declaredType, AllowList allowList) {
    return JsonCodec.builder(declaredType).allowList(allowList).build();
  }

  /**
   * Returns the Java serialization codec for values of the declared type, decoding behind an
   * {@code ObjectInputFilter} that admits the declared type and what the allow-list allows, with the
   * default limits. See {@link JavaSerializationCodec}.
   */
  public static <T> Codec<T> java(Class<T> declaredType, AllowList allowList, ClassLoader loader) {
    return JavaSerializationCodec.builder(declaredType).allowList(allowList).classLoader(loader).build();
  }

  /**
   * Returns the codec a configuration names: {@code json}, {@code java} or {@code pickle} (an alias of
   * {@code java}), in any case and ignoring surrounding blanks; or the fully qualified name of a class
   * implementing {@link Codec} with a public no-argument constructor, loaded with the given loader and
   * instantiated once (it receives neither the declared type nor the allow-list: it is the custom codec's
   * own business to decode safely).
   *
   * @throws IllegalArgumentException if the name is none of these, saying which names are valid, or if the
   *     class cannot be loaded or instantiated
   */
  public static <T> Codec<T> forName(
      String name, Class<T> declaredType, AllowList allowList, ClassLoader loader) {
    requireNonNull(name, "name");
    requireNonNull(declaredType, "declaredType");
    requireNonNull(allowList, "allowList");
    requireNonNull(loader, "loader");
    String trimmed = name.strip();
    switch (trimmed.toLowerCase(Locale.ROOT)) {
      case "json":
        return JsonCodec.builder(declaredType).allowList(allowList).classLoader(loader).build();
      case "java":
      case "pickle":
        return java(declaredType, allowList, loader);
      default:
        if (!trimmed.contains(".")) {
          throw new IllegalArgumentException(unknown(name, "it is neither a built-in codec nor a class name"));
        }
        return instantiate(name, trimmed, loader);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Codec<T> instantiate(String name, String className, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(className, /* initialize= */ false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(unknown(name, "no class of that name can be loaded"), e);
    }
    if (!Codec.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          unknown(name, "the class does not implement " + Codec.class.getName()));
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      throw new IllegalArgumentException(unknown(name, "the class is abstract"));
    }
    try {
      Constructor<?> constructor = type.getConstructor();
      return (Codec<T>) constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(unknown(name, "the class has no public no-argument constructor"), e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "Cannot create the codec " + className + ": its constructor threw " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new IllegalArgumentException("Cannot create the codec " + className + ": " + e, e);
    }
  }

  private static String unknown(String name, String reason) {
    return "Unknown serializer '" + name + "' (" + reason + "): expected one of " + String.join(", ", NAMES)
        + ", or the fully qualified name of a class implementing " + Codec.class.getName()
        + " with a public no-argument constructor";
  }
}
