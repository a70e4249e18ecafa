package io.zenoo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;

/**
 * Hit rate of each in-memory provider at the same bound ({@value Providers#MAX_ENTRIES} entries), on one
 * Zipfian trace (exponent {@value #EXPONENT}, {@value #KEY_SPACE} distinct keys, {@value #ACCESSES} accesses,
 * a fixed seed, so every provider sees the same sequence): cache-aside, a get and on a miss a put. Hit rate is
 * a property of the eviction policy, not a speed, so it is counted here rather than timed by JMH. Usage:
 * {@code java -cp benchmarks.jar io.zenoo.bench.HitRate hit-rate.md [provider,...]}.
 */
public final class HitRate {

  static final double EXPONENT = 0.99;
  static final int KEY_SPACE = 200_000;
  static final int ACCESSES = 2_000_000;
  /** Accesses before counting, so every cache starts full. */
  static final int WARMUP = 500_000;

  private HitRate() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: HitRate <output.md> [provider,...]");
      System.exit(2);
    }
    List<String> providers = args.length > 1 ? List.of(args[1].split(",")) : List.of("zenoo", "caffeine", "ehcache");
    int[] trace = zipfTrace();
    StringBuilder out = new StringBuilder()
        .append("Zipfian trace: exponent ").append(EXPONENT).append(", ").append(String.format(Locale.ROOT, "%,d", KEY_SPACE))
        .append(" keys, ").append(String.format(Locale.ROOT, "%,d", ACCESSES)).append(" accesses after ")
        .append(String.format(Locale.ROOT, "%,d", WARMUP)).append(" to fill; every cache bounded at ")
        .append(String.format(Locale.ROOT, "%,d", Providers.MAX_ENTRIES)).append(" entries; get, and put on a miss.\n\n")
        .append("| provider | hit rate |\n|---|---:|\n");
    for (String provider : providers) {
      double rate = hitRate(provider, trace);
      out.append("| ").append(provider).append(" | ").append(String.format(Locale.ROOT, "%.2f %%", 100 * rate)).append(" |\n");
    }
    Files.writeString(Path.of(args[0]), out, StandardCharsets.UTF_8);
    System.out.print(out);
  }

  private static double hitRate(String provider, int[] trace) {
    try (Providers.Session session = Providers.open(provider)) {
      Cache<String, String> cache = session.createCache("hit-rate", new MutableConfiguration<String, String>()
          .setTypes(String.class, String.class).setStoreByValue(false));
      String[] keys = new String[KEY_SPACE];
      for (int i = 0; i < KEY_SPACE; i++) {
        keys[i] = "key-" + i;
      }
      long hits = 0;
      for (int i = 0; i < trace.length; i++) {
        String key = keys[trace[i]];
        if (cache.get(key) != null) {
          if (i >= WARMUP) {
            hits++;
          }
        } else {
          cache.put(key, key);
        }
      }
      return (double) hits / (trace.length - WARMUP);
    }
  }

  /** Ranks drawn by inverse CDF from a seeded xorshift, scattered over the key space by a bijection. */
  static int[] zipfTrace() {
    double[] cdf = new double[KEY_SPACE];
    double sum = 0;
    for (int rank = 0; rank < KEY_SPACE; rank++) {
      sum += 1 / Math.pow(rank + 1, EXPONENT);
      cdf[rank] = sum;
    }
    int total = WARMUP + ACCESSES;
    int[] trace = new int[total];
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < total; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      double u = ((x >>> 11) * 0x1.0p-53) * sum;
      int lo = 0;
      int hi = KEY_SPACE - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      // 7919 is prime and does not divide KEY_SPACE: rank -> key index is a bijection
      trace[i] = (int) ((lo * 7919L) % KEY_SPACE);
    }
    return trace;
  }
}
