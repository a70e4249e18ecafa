package io.zenoo.cache.metrics;

import io.zenoo.cache.CacheStats;
import io.zenoo.cache.ZenooCache;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Shares one {@link ZenooCache#stats()} snapshot between the meters of a cache for a short while, so that a
 * registry reading ten meters in one scrape costs one snapshot (for Redis, one SCAN for the size) rather
 * than ten.
 *
 * <p>Concurrency: thread-safe; the last snapshot and its time are published together in one volatile
 * field. Two threads finding it stale at once may both take a snapshot; either result is correct.
 *
 * <p>Failure: a snapshot that throws (a closed cache, a backend that cannot answer) reads as {@code null},
 * which the meters report as NaN; the next read tries again.
 */
final class StatsSnapshots {

  private record Taken(CacheStats stats, long nanos) {}

  private final long maxAgeNanos;
  private final LongSupplier ticker;
  private volatile @Nullable Taken last;

  /**
   * Creates a holder that reuses a snapshot while it is younger than {@code maxAgeNanos} by the ticker
   * ({@code System::nanoTime} in production, a fake in tests).
   */
  StatsSnapshots(long maxAgeNanos, LongSupplier ticker) {
    if (maxAgeNanos < 0) {
      throw new IllegalArgumentException("maxAgeNanos must be >= 0, but was " + maxAgeNanos);
    }
    this.maxAgeNanos = maxAgeNanos;
    this.ticker = ticker;
  }

  /** Returns the cache's statistics, taken now or at most the maximum age ago; null if they cannot be read. */
  @Nullable CacheStats read(ZenooCache<?, ?> cache) {
    long now = ticker.getAsLong();
    Taken taken = last;
    if (taken != null && now - taken.nanos() < maxAgeNanos) {
      return taken.stats();
    }
    try {
      CacheStats stats = cache.stats();
      last = new Taken(stats, now);
      return stats;
    } catch (RuntimeException e) {
      // reported as NaN by the meters; a metrics scrape must not fail because the cache cannot answer
      last = null;
      return null;
    }
  }
}
