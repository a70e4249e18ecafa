package io.zenoo.cache.serialization;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of an immutable value in a cache whose store keeps bytes: the value itself, which an
 * in-memory store (the Redis cache's fallback) hands back without decoding, and the codec's bytes for it,
 * which a remote store writes. Made by a codec copier only for values whose codec decodes their bytes to an
 * equal value of the same class ({@link Codec#decodesToEqual}), so the two never disagree.
 *
 * <p>The bytes are encoded when the copier makes the form, or, for values the codec can always encode
 * (plain JSON scalars), on first use: a value that never leaves memory (the fallback serving while the
 * circuit is open) is then never encoded. Thread safe: concurrent first uses encode the same bytes.
 */
public final class Encoded {

  private final Object value;
  private final @Nullable Codec<Object> codec;
  private volatile byte @Nullable [] bytes;

  private Encoded(Object value, byte @Nullable [] bytes, @Nullable Codec<Object> codec) {
    this.value = value;
    this.bytes = bytes;
    this.codec = codec;
  }

  /** Returns the form of a value whose bytes are already encoded. */
  static Encoded of(Object value, byte[] bytes) {
    return new Encoded(value, bytes, null);
  }

  /** Returns the form of a value the codec encodes on first use; it must be one that cannot fail to encode. */
  @SuppressWarnings("unchecked")
  static Encoded later(Object value, Codec<?> codec) {
    return new Encoded(value, null, (Codec<Object>) codec);
  }

  /**
   * Returns the bytes of a stored value: the array itself, or the bytes of an {@link Encoded}.
   *
   * @throws IllegalArgumentException if the stored value is neither
   */
  public static byte[] bytes(Object stored) {
    if (stored instanceof byte[] b) {
      return b;
    }
    if (stored instanceof Encoded e) {
      return e.bytes();
    }
    throw new IllegalArgumentException(
        "A byte store keeps byte[] values, not a " + Objects.requireNonNull(stored, "stored").getClass().getName());
  }

  private byte[] bytes() {
    byte[] b = bytes;
    if (b == null) {
      b = Objects.requireNonNull(codec, "codec").encode(value);
      bytes = b;
    }
    return b;
  }

  /** Returns the value the bytes encode. */
  Object value() {
    return value;
  }

  /** Returns the encoded length if the bytes exist yet, else -1. */
  int encodedLength() {
    byte[] b = bytes;
    return b == null ? -1 : b.length;
  }

  @Override
  public String toString() {
    return "Encoded[" + value.getClass().getName() + "]";
  }
}
