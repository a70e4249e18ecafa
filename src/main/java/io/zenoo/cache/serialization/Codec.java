package io.zenoo.cache.serialization;

/**
 * Turns the values of a cache into bytes and back, for stores that keep bytes (Redis). Built for one
 * declared value type; {@link Codecs} creates the built-in ones.
 *
 * <p>Implementations are immutable and safe for concurrent use. Neither method returns null. A failure is
 * a {@link CodecException} whose message names the class and the problem without quoting the data; a
 * decoder never lets bytes create an object of a class its allow-list refuses. A custom implementation
 * named in configuration needs a public no-argument constructor.
 *
 * @param <T> the type of the values
 */
public interface Codec<T> {

  /**
   * Returns the bytes of a value.
   *
   * @throws CodecException if the value cannot be encoded, naming its class
   * @throws NullPointerException if the value is null
   */
  byte[] encode(T value);

  /**
   * Returns the value these bytes encode.
   *
   * @throws CodecException if the bytes are corrupt, of another shape or type, or name a class that is
   *     not allowed
   * @throws NullPointerException if the bytes are null
   */
  T decode(byte[] bytes);

  /**
   * Returns whether {@code decode(encode(value))} is always equal to the value and of its class, the value
   * being immutable: a cache may then keep the value itself beside its bytes and hand it out from memory
   * without decoding. Answering true for a value that does not round-trip exactly would let the in-memory
   * fallback of a Redis cache return what Redis would not; the default answers false.
   */
  default boolean decodesToEqual(Object value) {
    return false;
  }
}
