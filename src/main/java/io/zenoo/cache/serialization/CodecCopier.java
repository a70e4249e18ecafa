package io.zenoo.cache.serialization;

/**
 * The copier of caches whose store keeps bytes (Redis): values become their codec's bytes on the way in
 * and fresh objects on the way out, so no caller shares an object with the cache. Keys pass unchanged:
 * the store encodes them itself.
 */
final class CodecCopier<V> implements Copier {

  private final Codec<V> codec;

  CodecCopier(Codec<V> codec) {
    this.codec = codec;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object toStore(Object value) {
    return codec.encode((V) value);
  }

  @Override
  public Object fromStore(Object stored) {
    return codec.decode((byte[]) stored);
  }

  @Override
  public boolean mayFailToDecode() {
    return true;
  }

  @Override
  public <K> K copyKey(K key) {
    return key;
  }

  @Override
  public long weigh(Object storedOrKey) {
    return SizeEstimator.estimate(storedOrKey);
  }
}
