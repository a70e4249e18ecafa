package io.zenoo.cache.serialization;

/**
 * The copier of caches whose store keeps bytes (Redis): values become their codec's bytes on the way in
 * and fresh objects on the way out, so no caller shares an object with the cache. An immutable value that
 * its codec decodes exactly ({@link Codec#decodesToEqual}) is kept as an {@link Encoded}: its bytes for the
 * remote store (encoded only then, for plain JSON scalars), and the value itself for an in-memory store
 * (the fallback) to hand back without decoding.
 * Keys pass unchanged: the store encodes them itself.
 */
final class CodecCopier<V> implements Copier {

  private final Codec<V> codec;

  CodecCopier(Codec<V> codec) {
    this.codec = codec;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object toStore(Object value) {
    if (codec instanceof JsonCodec<?> json && json.alwaysEncodesExactly(value)) {
      return Encoded.later(value, codec); // encoded only when it goes to Redis
    }
    byte[] bytes = codec.encode((V) value);
    return codec.decodesToEqual(value) ? Encoded.of(value, bytes) : bytes;
  }

  @Override
  public Object fromStore(Object stored) {
    if (stored instanceof Encoded encoded) {
      return encoded.value(); // immutable, and what decoding the bytes would give
    }
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
