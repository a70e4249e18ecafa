package io.zenoo.cache.redis;

import io.zenoo.cache.store.StoreEntry;
import org.jspecify.annotations.Nullable;

/**
 * An entry as read from Redis: the payload bytes, the expiry on the engine's clock, and what a
 * compare-and-set compares to replace it: the envelope's version, or, for bytes that are not an envelope,
 * those bytes whole ({@link #rawToken}).
 *
 * <p>Immutable; the arrays are never changed after reading.
 */
final class RedisEntry implements StoreEntry<Object> {
  final byte[] payload;
  final long expireAt;
  final long version;
  final byte @Nullable [] rawToken;

  RedisEntry(byte[] payload, long expireAt, long version, byte @Nullable [] rawToken) {
    this.payload = payload;
    this.expireAt = expireAt;
    this.version = version;
    this.rawToken = rawToken;
  }

  @Override
  public Object value() {
    return payload;
  }

  @Override
  public long expireAt() {
    return expireAt;
  }
}
