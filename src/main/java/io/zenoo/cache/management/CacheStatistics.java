package io.zenoo.cache.management;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The JCache statistics of one cache, counted in {@link LongAdder}s. The engine records into it only while
 * statistics are enabled; {@link #clear()} (also reachable through JMX) resets every counter.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getTimeNanos = new LongAdder();
  private final LongAdder putTimeNanos = new LongAdder();
  private final LongAdder removeTimeNanos = new LongAdder();
  private volatile boolean enabled;

  /** Returns whether the engine records statistics. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Turns recording on or off; counts are kept either way. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public void clear() {
    hits.reset();
    misses.reset();
    puts.reset();
    removals.reset();
    evictions.reset();
    getTimeNanos.reset();
    putTimeNanos.reset();
    removeTimeNanos.reset();
  }

  /** Counts hits. */
  public void recordHits(long count) {
    if (enabled) {
      hits.add(count);
    }
  }

  /** Counts misses. */
  public void recordMisses(long count) {
    if (enabled) {
      misses.add(count);
    }
  }

  /** Counts puts. */
  public void recordPuts(long count) {
    if (enabled) {
      puts.add(count);
    }
  }

  /** Counts removals. */
  public void recordRemovals(long count) {
    if (enabled) {
      removals.add(count);
    }
  }

  /** Counts evictions. */
  public void recordEvictions(long count) {
    if (enabled) {
      evictions.add(count);
    }
  }

  /** Adds the time of a get. */
  public void recordGetTime(long nanos) {
    if (enabled) {
      getTimeNanos.add(nanos);
    }
  }

  /** Adds the time of a put. */
  public void recordPutTime(long nanos) {
    if (enabled) {
      putTimeNanos.add(nanos);
    }
  }

  /** Adds the time of a removal. */
  public void recordRemoveTime(long nanos) {
    if (enabled) {
      removeTimeNanos.add(nanos);
    }
  }

  @Override
  public long getCacheHits() {
    return hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    long h = getCacheHits();
    long gets = h + getCacheMisses();
    return gets == 0 ? 0f : 100f * h / gets;
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    long m = getCacheMisses();
    long gets = m + getCacheHits();
    return gets == 0 ? 0f : 100f * m / gets;
  }

  @Override
  public long getCacheGets() {
    return getCacheHits() + getCacheMisses();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  @Override
  public long getCacheEvictions() {
    return evictions.sum();
  }

  @Override
  public float getAverageGetTime() {
    return average(getTimeNanos.sum(), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return average(putTimeNanos.sum(), getCachePuts());
  }

  @Override
  public float getAverageRemoveTime() {
    return average(removeTimeNanos.sum(), getCacheRemovals());
  }

  /** Returns microseconds per operation, as the MXBean contract asks. */
  private static float average(long totalNanos, long count) {
    return count == 0 ? 0f : (totalNanos / 1000f) / count;
  }
}
