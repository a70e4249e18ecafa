package io.zenoo.cache.memory;

import java.util.SplittableRandom;

/**
 * Seeded request traces for hit-rate measurements: arrays of key numbers, the same array for the same
 * arguments. Public because the benchmarks' simulator ({@code io.zenoo.bench.HitRate}) replays the very
 * traces the suite pins ({@code EvictionHitRateTest}), at a larger scale.
 */
public final class Traces {

  private Traces() {}

  /** Zipf-distributed requests over {@code keys} keys: rank r is asked with weight 1 / r^exponent. */
  public static int[] zipf(int keys, double exponent, int length, long seed) {
    return shiftingZipf(keys, exponent, length, Integer.MAX_VALUE, seed);
  }

  /**
   * Zipf requests whose ranks are mapped onto new keys every {@code phase} requests: the popular keys of one
   * phase are ordinary keys of the next (a moving hot set).
   */
  public static int[] shiftingZipf(int keys, double exponent, int length, int phase, long seed) {
    double[] cdf = cdf(keys, exponent);
    SplittableRandom random = new SplittableRandom(seed);
    int[] trace = new int[length];
    long multiplier = 1;
    long offset = 0;
    for (int i = 0; i < length; i++) {
      if (i % phase == 0) {
        do {
          multiplier = 1 + random.nextLong(keys - 1L);
        } while (gcd(multiplier, keys) != 1);
        offset = random.nextLong(keys);
      }
      int rank = rank(cdf, random.nextDouble() * cdf[keys - 1]);
      // an affine map with a multiplier prime to the key count is a bijection of ranks onto keys
      trace[i] = (int) ((rank * multiplier + offset) % keys);
    }
    return trace;
  }

  /**
   * Zipf requests with bursts of one-time keys (a scan): of every {@code burstEvery} requests, the last
   * {@code scanShare} are keys never asked before or after (numbered from {@code keys} up).
   */
  public static int[] zipfWithScans(int keys, double exponent, int length, int burstEvery, double scanShare,
      long seed) {
    int[] trace = zipf(keys, exponent, length, seed);
    int burst = (int) (burstEvery * scanShare);
    int next = keys;
    for (int start = 0; start < length; start += burstEvery) {
      int from = Math.min(length, start + burstEvery - burst);
      int to = Math.min(length, start + burstEvery);
      for (int i = from; i < to; i++) {
        trace[i] = next++;
      }
    }
    return trace;
  }

  /** Keys 0 to {@code loop - 1} asked in order, again and again. */
  public static int[] loop(int loop, int length) {
    int[] trace = new int[length];
    for (int i = 0; i < length; i++) {
      trace[i] = i % loop;
    }
    return trace;
  }

  private static double[] cdf(int keys, double exponent) {
    double[] cdf = new double[keys];
    double sum = 0;
    for (int rank = 0; rank < keys; rank++) {
      sum += 1 / Math.pow(rank + 1, exponent);
      cdf[rank] = sum;
    }
    return cdf;
  }

  private static int rank(double[] cdf, double u) {
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
