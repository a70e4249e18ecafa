package io.zenoo.cache.memory;

import java.util.Arrays;

/**
 * Sizes the {@link EvictionPolicy}'s recency window and decides when the frequency sketch ages: a small
 * window while the traffic is steady, a large one after the popular keys have changed, for as long as it
 * pays.
 *
 * <p><b>Steady traffic.</b> The window is {@value #BASE_WINDOW} of the bound: frequency decides almost
 * everything, which is what skewed traffic rewards. The sketch is halved every {@value #AGING_FACTOR} times
 * the bound in requests, so that popularity fades.
 *
 * <p><b>The signal.</b> Every period (the bound in requests, at least {@value #MIN_PERIOD}) the tuner takes
 * the share of requests that were <em>repeat misses</em>: misses of a key that already missed earlier in the
 * same period (a Bloom filter of the missed keys, cleared each period, tells). A scan of one-time keys brings misses
 * but no repeat misses, a loop larger than the period none either; when the popular keys change, the new
 * ones miss again and again, because the admission filter still prefers the old ones.
 *
 * <p><b>A shift</b> is a period whose repeat-miss share is at least {@value #SHIFT_FACTOR} times the previous
 * one's and {@value #SHIFT_MARGIN} above it. Then the sketch is halved twice at once (old popularity would
 * otherwise keep the new keys out of main until the next regular halving) and the window grows to the whole
 * bound, where recency decides, as in LRU. After {@value #HOLD} periods the tuner halves the window's excess
 * over its steady size, one step a period, as long as the repeat-miss share does not grow by half (and
 * {@value #WORSE_MARGIN}); when it does, the last step is undone and the next attempt waits {@value
 * #RETRY_HOLD} periods.
 *
 * <p>A hill climber on the hit rate (Caffeine's approach) was measured first: with the hit rate sampled to
 * keep the read path cheap, and over periods short enough to follow a shift, its noise cost 1 to 2.5 points
 * on steady Zipf traces at 1,000,000 keys, more than it gained.
 *
 * <p>Not thread safe: called under the store's eviction lock.
 */
final class WindowTuner {

  static final double BASE_WINDOW = 0.01;
  static final double PROTECTED_SHARE = 0.8;
  static final int MIN_PERIOD = 4096;
  static final int AGING_FACTOR = 10;
  static final double SHIFT_FACTOR = 3;
  static final double SHIFT_MARGIN = 0.03;
  static final int SHIFT_AGING = 2;
  static final int HOLD = 2;
  static final int RETRY_HOLD = 8;
  static final double WORSE_FACTOR = 1.5;
  static final double WORSE_MARGIN = 0.002;

  private final long maxSize;
  private final RequestCounts counts;
  private final long period;
  private final long agingPeriod;
  private final double baseWindow;
  /**
   * Keys that missed in this period: a Bloom filter of two bits per key, 8 to 16 bits per request of a
   * period (at most 512 KB), so that about 1 % of first misses pass for repeats.
   */
  private final long[] missedKeys;
  private double window;
  private long windowMax;
  private long protectedMax;
  private long seenHits;
  private long seenMisses;
  private long firstMisses;
  private long sinceAging;
  private double previousRepeatMisses = -1;
  private int hold;
  private double shrunkFrom;
  private double beforeShrink;
  private boolean filled;

  WindowTuner(long maxSize, RequestCounts counts) {
    this.maxSize = maxSize;
    this.counts = counts;
    this.period = Math.max(MIN_PERIOD, maxSize);
    this.agingPeriod = Math.max(MIN_PERIOD, maxSize * AGING_FACTOR);
    this.baseWindow = Math.max(1, maxSize * BASE_WINDOW);
    this.missedKeys = new long[(int) Math.min(1 << 16, Long.highestOneBit(period) / 4)];
    resize(baseWindow);
  }

  /** The window's target size: at least 1 entry. */
  long windowMax() {
    return windowMax;
  }

  /** The protected queue's target size. */
  long protectedMax() {
    return protectedMax;
  }

  /** Notes that the store is full: from now on misses say something about the policy. */
  void filled() {
    filled = true;
  }

  /** Notes a miss (an insert) of the key with the given hash. */
  void missed(long hash) {
    int mask = missedKeys.length * 64 - 1;
    int first = (int) (hash >>> 40) & mask;
    int second = (int) (hash >>> 16) & mask;
    boolean seen = isSet(first) & isSet(second);
    missedKeys[first >>> 6] |= 1L << first;
    missedKeys[second >>> 6] |= 1L << second;
    if (!seen) {
      firstMisses++;
    }
  }

  private boolean isSet(int bit) {
    return (missedKeys[bit >>> 6] & (1L << bit)) != 0;
  }

  /** Moves the window and ages the sketch if a period has passed since the last adjustment. */
  void adjust(EvictionPolicy<?, ?> policy) {
    long hits = counts.hits();
    long misses = counts.misses();
    long requests = hits - seenHits + misses - seenMisses;
    if (requests < period) {
      return;
    }
    double repeatMisses = (double) Math.max(0, misses - seenMisses - firstMisses) / requests;
    seenHits = hits;
    seenMisses = misses;
    firstMisses = 0;
    Arrays.fill(missedKeys, 0L);
    sinceAging += requests;
    boolean shifted = filled && previousRepeatMisses >= 0
        && repeatMisses >= SHIFT_FACTOR * previousRepeatMisses
        && repeatMisses >= previousRepeatMisses + SHIFT_MARGIN;
    previousRepeatMisses = filled ? repeatMisses : -1;
    if (shifted) {
      sinceAging = 0;
      for (int i = 0; i < SHIFT_AGING; i++) {
        policy.age();
      }
      hold = HOLD;
      shrunkFrom = 0;
      resize(maxSize);
    } else {
      if (sinceAging >= agingPeriod) {
        sinceAging = 0;
        policy.age();
      }
      shrinkIfItPays(repeatMisses);
    }
    policy.demoteOverflow();
  }

  private void shrinkIfItPays(double repeatMisses) {
    if (hold > 0) {
      hold--;
    } else if (window > baseWindow) {
      if (shrunkFrom > 0 && repeatMisses > beforeShrink * WORSE_FACTOR + WORSE_MARGIN) {
        // the smaller window loses keys that come back: go back, and try again later
        resize(shrunkFrom);
        shrunkFrom = 0;
        hold = RETRY_HOLD;
      } else {
        shrunkFrom = window;
        beforeShrink = repeatMisses;
        resize(baseWindow + (window - baseWindow) / 2);
      }
    }
  }

  private void resize(double target) {
    window = Math.max(1, Math.min(maxSize, target));
    windowMax = Math.max(1, Math.round(window));
    protectedMax = (long) ((maxSize - windowMax) * PROTECTED_SHARE);
  }
}
