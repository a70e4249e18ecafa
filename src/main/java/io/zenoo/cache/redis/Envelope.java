package io.zenoo.cache.redis;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The bytes RedisCache keeps under a key: a fixed 18-byte header, then the codec's payload.
 *
 * <pre>
 *   0      'Z'  marks a zenoo entry
 *   1      format (1)
 *   2..9   version, a random 64-bit number changed by every write (compare-and-set token)
 *   10..17 logical expiry, epoch milliseconds, or {@link Long#MAX_VALUE} for never
 *   18..   payload
 * </pre>
 *
 * The logical expiry is the JCache one; the key's Redis TTL is set a grace period later so that a reader
 * can still see an entry that just expired (to publish its EXPIRED event and count it) while Redis still
 * frees it with no client alive. A random version, rather than a counter, means an entry deleted and
 * created again never matches a stale token.
 */
final class Envelope {

  static final int HEADER = 18;
  static final byte MAGIC = 'Z';
  static final byte FORMAT = 1;
  static final long NEVER = Long.MAX_VALUE;

  final long version;
  final long expireAtMillis;
  final byte[] payload;

  Envelope(long version, long expireAtMillis, byte[] payload) {
    this.version = version;
    this.expireAtMillis = expireAtMillis;
    this.payload = payload;
  }

  byte[] encode() {
    return ByteBuffer.allocate(HEADER + payload.length)
        .put(MAGIC)
        .put(FORMAT)
        .putLong(version)
        .putLong(expireAtMillis)
        .put(payload)
        .array();
  }

  /** Returns the version as the 8 bytes the compare-and-set script compares. */
  static byte[] versionBytes(long version) {
    return ByteBuffer.allocate(8).putLong(version).array();
  }

  /** Returns the envelope in the bytes, or null if they are not a zenoo entry of a known format. */
  static @Nullable Envelope decode(byte[] bytes) {
    if (bytes.length < HEADER || bytes[0] != MAGIC || bytes[1] != FORMAT) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long version = buffer.getLong(2);
    long expireAt = buffer.getLong(10);
    return new Envelope(version, expireAt, Arrays.copyOfRange(bytes, HEADER, bytes.length));
  }
}
