package io.zenoo.cache.serialization;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.type.TypeModifier;
import com.fasterxml.jackson.databind.type.TypeParser;
import com.fasterxml.jackson.databind.util.LRUMap;
import com.fasterxml.jackson.databind.util.LookupCache;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A Jackson {@link TypeFactory} that resolves class names from data only when the {@link AllowList}
 * allows them, and then without initializing the class. Jackson turns names into classes here for the
 * type parameters of generic type ids and for {@code Class}-typed properties, paths that the
 * {@link AllowListTypeValidator} does not see; Jackson's own fallback to {@code Class.forName} is closed
 * too. A refused name fails as a {@link ClassNotFoundException} saying so.
 */
final class AllowListTypeFactory extends TypeFactory {

  private static final long serialVersionUID = 1L;

  private final transient AllowList allowList;

  AllowListTypeFactory(AllowList allowList, @Nullable ClassLoader loader) {
    this(allowList, null, null, loader);
  }

  private AllowListTypeFactory(
      AllowList allowList,
      @Nullable LookupCache<Object, JavaType> cache,
      TypeModifier @Nullable [] modifiers,
      @Nullable ClassLoader loader) {
    super(cache, new TypeParser(TypeFactory.defaultInstance()), modifiers, loader);
    this.allowList = allowList;
  }

  @Override
  protected Class<?> classForName(String name, boolean initialize, ClassLoader loader)
      throws ClassNotFoundException {
    return load(name, loader);
  }

  @Override
  protected Class<?> classForName(String name) throws ClassNotFoundException {
    return load(name, _classLoader);
  }

  private Class<?> load(String name, @Nullable ClassLoader loader) throws ClassNotFoundException {
    if (!allowList.allows(name, loader)) {
      throw new ClassNotFoundException(name + " is not in the codec's allow-list");
    }
    return Class.forName(name, /* initialize= */ false, loader);
  }

  // Jackson derives factories with these; each derived one must keep the allow-list.

  @Override
  public TypeFactory withModifier(@Nullable TypeModifier modifier) {
    if (modifier == null) {
      return new AllowListTypeFactory(allowList, null, null, _classLoader);
    }
    TypeModifier[] modifiers;
    if (_modifiers == null) {
      modifiers = new TypeModifier[] {modifier};
    } else if (Arrays.asList(_modifiers).contains(modifier)) {
      modifiers = _modifiers;
    } else {
      modifiers = Arrays.copyOf(_modifiers, _modifiers.length + 1);
      modifiers[_modifiers.length] = modifier;
    }
    // a new modifier can change any type: start with an empty cache
    return new AllowListTypeFactory(allowList, null, modifiers, _classLoader);
  }

  @Override
  public TypeFactory withClassLoader(@Nullable ClassLoader classLoader) {
    return new AllowListTypeFactory(allowList, _typeCache, _modifiers, classLoader);
  }

  /** Deprecated in Jackson; kept so that even this derivation keeps the allow-list. */
  @Override
  @Deprecated
  public TypeFactory withCache(LRUMap<Object, JavaType> cache) {
    return withCache((LookupCache<Object, JavaType>) cache);
  }

  @Override
  public TypeFactory withCache(LookupCache<Object, JavaType> cache) {
    return new AllowListTypeFactory(allowList, cache, _modifiers, _classLoader);
  }
}
