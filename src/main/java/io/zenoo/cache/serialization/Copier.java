package io.zenoo.cache.serialization;

/**
 * Turns values into the form a store keeps and back, and copies keys, so that store-by-value caches never
 * share a mutable object with their callers. Chosen once per cache.
 */
public interface Copier {

  /** Returns the form of a value that the store keeps. */
  Object toStore(Object value);

  /** Returns a value for a caller from the form the store keeps; a fresh copy when storing by value. */
  Object fromStore(Object stored);

  /** Returns the key to keep in the store: the key itself or an independent copy. */
  <K> K copyKey(K key);

  /**
   * Returns whether {@link #fromStore} can fail on what the store holds (bytes another writer may have put
   * there), so the engine checks old values before relying on them.
   */
  default boolean mayFailToDecode() {
    return false;
  }

  /** Returns the estimated bytes of a stored value or key, for memory-usage statistics. */
  long weigh(Object storedOrKey);

  /** Returns the copier of store-by-reference caches: everything passes through unchanged. */
  static Copier identity() {
    return IdentityCopier.INSTANCE;
  }

  /** Returns a copier that keeps values as the codec's bytes, for stores that hold bytes. */
  static <V> Copier codec(Codec<V> codec) {
    return new CodecCopier<>(codec);
  }

  /** Returns a copier that keeps immutable JDK values as they are and everything else as serialized bytes. */
  static Copier serializing(ClassLoader classLoader) {
    return new SerializingCopier(classLoader);
  }
}
