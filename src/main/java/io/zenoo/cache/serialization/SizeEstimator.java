package io.zenoo.cache.serialization;

/**
 * Estimates the heap bytes of a key or stored value: exact payload for serialized values and byte arrays,
 * header plus characters for strings, a fixed 16-byte header plus 8 bytes for boxed numbers, and a flat
 * 64 bytes for any other object (its graph is not walked: that would cost more than the cache call).
 */
final class SizeEstimator {

  static final long OBJECT_ESTIMATE = 64;

  private SizeEstimator() {}

  static long estimate(Object o) {
    if (o instanceof SerializedValue s) {
      return 32 + s.bytes.length;
    } else if (o instanceof String s) {
      return 40 + s.length();
    } else if (o instanceof Encoded e) {
      int length = e.encodedLength();
      return 24 + estimate(e.value()) + (length < 0 ? 0 : 16 + length);
    } else if (o instanceof byte[] b) {
      return 16 + b.length;
    } else if (o instanceof Number || o instanceof Boolean || o instanceof Character) {
      return 24;
    }
    return OBJECT_ESTIMATE;
  }
}
