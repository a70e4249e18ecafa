package io.zenoo.cache.redis;

import io.lettuce.core.SetArgs;
import io.zenoo.cache.serialization.Encoded;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.StoreEntry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Converts between the engine's entries and what a {@link RedisStore} keeps under a key: the bytes of an
 * {@link Envelope} and a native TTL a grace period past the logical expiry.
 *
 * <p><b>Time.</b> The engine speaks {@link Clock} nanoseconds; Redis needs wall-clock instants that every
 * JVM agrees on. Expiry is converted here, both ways, with the wall clock given at creation.
 *
 * <p><b>Foreign bytes.</b> Bytes that are not an envelope (not ours, or a format we do not know) are read
 * as an entry that never expires, whose payload is those bytes and whose compare-and-set token is the
 * bytes whole: the engine finds that the payload does not decode, and the next write replaces it.
 *
 * <p>Immutable and thread safe.
 */
final class Envelopes {

  private final Clock clock;
  private final LongSupplier wallClock;
  private final long graceMillis;

  Envelopes(Clock clock, LongSupplier wallClock, long graceMillis) {
    this.clock = clock;
    this.wallClock = wallClock;
    this.graceMillis = graceMillis;
  }

  /**
   * Returns the bytes of a new envelope, with a new random version, for a stored value (its bytes, see
   * {@link Encoded#bytes}) that expires at the wall-clock instant.
   */
  byte[] encode(Object value, long expireAtMillis) {
    return new Envelope(ThreadLocalRandom.current().nextLong(), expireAtMillis, Encoded.bytes(value)).encode();
  }

  /** Returns the entry the bytes under a key hold, or null for no bytes. */
  @Nullable RedisEntry read(byte @Nullable [] bytes) {
    if (bytes == null) {
      return null;
    }
    Envelope envelope = Envelope.decode(bytes);
    if (envelope == null) {
      // not ours (or a format we do not know): handed up as is, so the engine counts it as undecodable,
      // and compared whole when the next write replaces it
      return new RedisEntry(bytes, StoreEntry.NEVER, 0L, bytes);
    }
    return new RedisEntry(envelope.payload, toClockNanos(envelope.expireAtMillis), envelope.version, null);
  }

  /** Returns the wall-clock instant, in epoch milliseconds, of an expiry on the engine's clock. */
  long toWallMillis(long expireAtNanos) {
    if (expireAtNanos == StoreEntry.NEVER) {
      return Envelope.NEVER;
    }
    long remainingNanos = expireAtNanos - clock.nanos();
    return wallClock.getAsLong() + Math.floorDiv(remainingNanos, 1_000_000L);
  }

  private long toClockNanos(long expireAtMillis) {
    if (expireAtMillis == Envelope.NEVER) {
      return StoreEntry.NEVER;
    }
    long remainingMillis = expireAtMillis - wallClock.getAsLong();
    if (remainingMillis > Long.MAX_VALUE / 4_000_000L) {
      return StoreEntry.NEVER;
    }
    return clock.nanos() + remainingMillis * 1_000_000L;
  }

  /** Returns the Redis TTL for a logical expiry: the grace period past it, or 0 for none. */
  long ttlMillis(long expireAtMillis) {
    if (expireAtMillis == Envelope.NEVER) {
      return 0;
    }
    return Math.max(1, expireAtMillis - wallClock.getAsLong()) + graceMillis;
  }

  /** Returns the arguments of a {@code SET} for a logical expiry: {@code PX} with its TTL, or none. */
  SetArgs setArgs(long expireAtMillis) {
    long ttl = ttlMillis(expireAtMillis);
    return ttl > 0 ? SetArgs.Builder.px(ttl) : new SetArgs();
  }
}
