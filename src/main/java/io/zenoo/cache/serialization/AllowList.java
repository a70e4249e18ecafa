package io.zenoo.cache.serialization;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The classes a codec may create while decoding: what the JSON codec accepts as a type id and what the
 * Java serialization codec accepts in a stream. Immutable and safe to share between codecs and threads.
 *
 * <p>A class is allowed when any rule admits it:
 *
 * <ul>
 *   <li>an exact class ({@link Builder#allowClass}, {@link Builder#allowClassName});
 *   <li>a package prefix ({@link Builder#allowPackage}): {@code com.acme} admits {@code com.acme.Order}
 *       and everything in the packages below it, such as {@code com.acme.billing.Invoice};
 *   <li>a supertype ({@link Builder#allowSubtypesOf}): the type and every class assignable to it;
 *   <li>the JDK defaults, on unless {@link Builder#jdkDefaults(boolean) turned off}: the boxes,
 *       {@code String}, {@code java.math}, {@code java.time}, {@code UUID}, {@code URI}, {@code Date},
 *       {@code Locale} and the {@code java.util} (and concurrent) collections with the internal classes
 *       their serialized forms use.
 * </ul>
 *
 * <p>Primitive types are always allowed, and an array is allowed when its element type is. Exact and
 * package rules decide by name, before the class is loaded; supertype rules need the class itself, so when
 * the name matches no other rule and supertype rules exist, the class is loaded without being initialized
 * (no static initializer or constructor runs) and tested.
 */
public final class AllowList {

  private static final Pattern BINARY_NAME =
      Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
          + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
  private static final Set<String> PRIMITIVES =
      Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double", "void");
  private static final List<String> JDK_ROOTS = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  private static final AllowList JDK_DEFAULTS = new Builder().build();
  private static final AllowList NONE = new Builder().jdkDefaults(false).build();

  private final boolean jdkDefaults;
  private final Set<String> classNames;
  private final Set<String> packages;
  private final Set<Class<?>> supertypes;

  private AllowList(Builder builder) {
    this.jdkDefaults = builder.jdkDefaults;
    this.classNames = Collections.unmodifiableSet(new TreeSet<>(builder.classNames));
    this.packages = Collections.unmodifiableSet(new TreeSet<>(builder.packages));
    this.supertypes = Collections.unmodifiableSet(new LinkedHashSet<>(builder.supertypes));
  }

  /** Returns the allow-list of the JDK value types and collections only. */
  public static AllowList jdkDefaults() {
    return JDK_DEFAULTS;
  }

  /** Returns the allow-list that admits nothing but primitives (and arrays of them). */
  public static AllowList none() {
    return NONE;
  }

  /** Returns a builder that starts from the JDK defaults and no class of the application. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this allow-list's rules, to derive another from. */
  public Builder toBuilder() {
    Builder builder = new Builder().jdkDefaults(jdkDefaults);
    builder.classNames.addAll(classNames);
    builder.packages.addAll(packages);
    builder.supertypes.addAll(supertypes);
    return builder;
  }

  /** Returns whether the JDK defaults are part of this allow-list. */
  public boolean includesJdkDefaults() {
    return jdkDefaults;
  }

  /** Returns the exact class names allowed by the application, sorted (the JDK defaults excluded). */
  public Set<String> classNames() {
    return classNames;
  }

  /** Returns the allowed package prefixes, each ending with a dot, sorted. */
  public Set<String> packages() {
    return packages;
  }

  /** Returns the types whose subtypes are allowed, in the order they were added. */
  public Set<Class<?>> supertypes() {
    return supertypes;
  }

  /** Returns whether the class is allowed. */
  public boolean allows(Class<?> type) {
    requireNonNull(type, "type");
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive() || allowsByName(element.getName())) {
      return true;
    }
    for (Class<?> supertype : supertypes) {
      if (supertype.isAssignableFrom(element)) {
        return true;
      }
    }
    // an enum constant with a body is an anonymous subclass of its enum
    return element.isAnonymousClass()
        && element.getSuperclass() != null
        && element.getSuperclass().isEnum()
        && allows(element.getSuperclass());
  }

  /**
   * Returns whether the class of this binary name (as {@link Class#getName()} spells it, arrays
   * included) is allowed. When only a supertype rule can decide, the class is loaded with the given loader
   * without being initialized; a class the loader cannot find is not allowed.
   */
  public boolean allows(String className, @Nullable ClassLoader loader) {
    requireNonNull(className, "className");
    String element = elementName(className);
    if (element == null || allowsByName(element)) {
      return true;
    }
    if (supertypes.isEmpty() || !BINARY_NAME.matcher(element).matches()) {
      return false;
    }
    try {
      return allows(Class.forName(element, /* initialize= */ false, loader));
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Returns whether exact or package rules, or the JDK defaults, admit this (non-array) name. */
  private boolean allowsByName(String name) {
    if (classNames.contains(name)) {
      return true;
    }
    if (jdkDefaults && (JdkValueTypes.CLASSES.contains(name) || startsWithAny(name, JdkValueTypes.PACKAGES))) {
      return true;
    }
    return startsWithAny(name, packages);
  }

  private static boolean startsWithAny(String name, Set<String> prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the element class name of a binary name, or null when the element is primitive:
   * {@code [[Lcom.acme.X;} gives {@code com.acme.X}, {@code [I} and {@code int} give null.
   */
  private static @Nullable String elementName(String name) {
    int dims = 0;
    while (dims < name.length() && name.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return PRIMITIVES.contains(name) ? null : name;
    }
    String element = name.substring(dims);
    if (element.length() == 1 && "ZBCSIJFD".contains(element)) {
      return null;
    }
    if (element.length() > 2 && element.charAt(0) == 'L' && element.endsWith(";")) {
      return element.substring(1, element.length() - 1);
    }
    return name; // malformed: starts with '[', so it matches no rule
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AllowList other
        && jdkDefaults == other.jdkDefaults
        && classNames.equals(other.classNames)
        && packages.equals(other.packages)
        && supertypes.equals(other.supertypes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(jdkDefaults, classNames, packages, supertypes);
  }

  /** Returns every rule: the application's classes, packages and supertypes, then the JDK defaults. */
  @Override
  public String toString() {
    List<String> supertypeNames = new ArrayList<>();
    supertypes.forEach(t -> supertypeNames.add(t.getName()));
    String jdk = "none";
    if (jdkDefaults) {
      List<String> all = new ArrayList<>(new TreeSet<>(JdkValueTypes.CLASSES));
      new TreeSet<>(JdkValueTypes.PACKAGES).forEach(p -> all.add(p + "*"));
      jdk = all.toString();
    }
    return "AllowList[classes=" + classNames + ", packages=" + packages + ", subtypesOf=" + supertypeNames
        + ", jdkDefaults=" + jdk + "]";
  }

  /** Builds an {@link AllowList}; each method validates its argument and throws at once when invalid. */
  public static final class Builder {

    private boolean jdkDefaults = true;
    private final Set<String> classNames = new TreeSet<>();
    private final Set<String> packages = new TreeSet<>();
    private final Set<Class<?>> supertypes = new LinkedHashSet<>();

    private Builder() {}

    /** Sets whether the JDK value types and collections are allowed; true unless changed. */
    public Builder jdkDefaults(boolean include) {
      this.jdkDefaults = include;
      return this;
    }

    /**
     * Allows exactly this class (for an array, its element class); no subclass of it. Under Java
     * serialization, the serializable superclasses of an allowed class are admitted with it, as their
     * descriptors are part of its serialized form.
     */
    public Builder allowClass(Class<?> type) {
      requireNonNull(type, "type");
      Class<?> element = type;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      if (!element.isPrimitive()) {
        classNames.add(element.getName());
      }
      return this;
    }

    /** Allows exactly the class of this binary name, such as {@code com.acme.Order$Line}. */
    public Builder allowClassName(String className) {
      requireNonNull(className, "className");
      if (!BINARY_NAME.matcher(className).matches() || !className.contains(".")) {
        throw new IllegalArgumentException(
            "className must be a fully qualified binary class name such as com.acme.Order, but was '"
                + className + "'");
      }
      classNames.add(className);
      return this;
    }

    /**
     * Allows every class in the package and in the packages below it. Takes {@code com.acme} or
     * {@code com.acme.}; refuses a single segment ({@code com}) and packages of the JDK ({@code java.*},
     * {@code javax.*}, {@code jdk.*}, {@code sun.*}, {@code com.sun.*}), which hold known gadget classes.
     */
    public Builder allowPackage(String packageName) {
      requireNonNull(packageName, "packageName");
      String name =
          packageName.endsWith(".") ? packageName.substring(0, packageName.length() - 1) : packageName;
      if (!BINARY_NAME.matcher(name).matches() || name.contains("$")) {
        throw new IllegalArgumentException(
            "packageName must be a package name such as com.acme, but was '" + packageName + "'");
      }
      String prefix = name + ".";
      for (String root : JDK_ROOTS) {
        if (prefix.startsWith(root)) {
          throw new IllegalArgumentException(
              "packageName '" + packageName + "' is inside the JDK (" + root + "), whose packages hold known"
                  + " deserialization gadgets; allow the JDK classes you need with allowClass instead");
        }
      }
      if (!name.contains(".")) {
        throw new IllegalArgumentException(
            "packageName must have at least two segments (such as com.acme): '" + packageName
                + "' would allow classes of unrelated libraries");
      }
      packages.add(prefix);
      return this;
    }

    /**
     * Allows the type and every class assignable to it, such as the implementations of a sealed
     * interface of the application. Refuses JDK types ({@code Object}, {@code Serializable},
     * {@code Map}, ...): their subtypes include the gadget classes of third-party libraries.
     */
    public Builder allowSubtypesOf(Class<?> type) {
      requireNonNull(type, "type");
      if (type.isPrimitive() || type.isArray()) {
        throw new IllegalArgumentException(
            "allowSubtypesOf needs a class or interface, but was " + type.getTypeName());
      }
      for (String root : JDK_ROOTS) {
        if (type.getName().startsWith(root)) {
          throw new IllegalArgumentException(
              "allowSubtypesOf(" + type.getName() + ") would allow every library class implementing a JDK"
                  + " type, including known deserialization gadgets; allow your own packages or classes"
                  + " instead");
        }
      }
      supertypes.add(type);
      return this;
    }

    /** Returns the immutable allow-list. */
    public AllowList build() {
      return new AllowList(this);
    }
  }
}
