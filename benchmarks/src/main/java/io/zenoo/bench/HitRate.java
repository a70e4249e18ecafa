package io.zenoo.bench;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import io.zenoo.cache.memory.ReferencePolicies;
import io.zenoo.cache.memory.Traces;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * The eviction simulator: hit rate of each in-memory provider at the same bound on seeded traces, replayed
 * through {@code javax.cache.Cache} against the real caches (MemoryCache runs its real {@code MemoryStore}),
 * beside exact LRU and the optimum (Belady) computed on the same trace. Cache-aside: a get, and a put on a
 * miss; only requests after the warm-up ({@value #WARMUP}) count. Hit rate is a count, not a timing, so it is
 * not JMH's business; a trace is the same for a seed, a provider's figure may still vary a little between
 * runs where the provider randomises (zenoo seeds its frequency sketch per cache, against hash flooding).
 *
 * <p>Traces ({@link Traces}, from zenoo-cache's test-jar, the same generators the suite's
 * {@code EvictionHitRateTest} pins at a smaller scale), {@value #KEYS} keys, {@value #LENGTH} requests:
 * Zipf 0.99 and 0.8 at 1 % and 10 % capacity; Zipf 0.99 with bursts of one-time keys (the last 20 % of every
 * 100,000 requests) at 1 %; Zipf 0.99 whose hot set is reshuffled every 500,000 requests at 10 %; a loop over
 * 1.2 times a 1 % cache.
 *
 * <p>Usage: {@code java -Xmx3g -cp benchmarks.jar io.zenoo.bench.HitRate out.md [seeds] [providers]}, seeds
 * and providers comma-separated (default {@code 1} and {@code zenoo,caffeine}). With several seeds the
 * output has one table per seed and a table of the medians.
 */
public final class HitRate {

  static final int KEYS = 1_000_000;
  static final int LENGTH = 4_000_000;
  static final int WARMUP = 1_000_000;
  static final int SMALL = KEYS / 100;
  static final int LARGE = KEYS / 10;

  private record Trace(String name, int capacity, int[] requests) {}

  private HitRate() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: HitRate <output.md> [seed,...] [provider,...]");
      System.exit(2);
    }
    long[] seeds = Arrays.stream((args.length > 1 ? args[1] : "1").split(",")).mapToLong(Long::parseLong).toArray();
    List<String> providers = List.of((args.length > 2 ? args[2] : "zenoo,caffeine").split(","));
    List<String> columns = new ArrayList<>();
    columns.add("LRU");
    columns.addAll(providers);
    columns.add("optimal");
    StringBuilder out = new StringBuilder();
    Map<String, List<double[]>> all = new LinkedHashMap<>();
    for (long seed : seeds) {
      out.append("Seed ").append(seed).append(":\n\n");
      header(out, columns);
      for (Trace trace : traces(seed)) {
        double[] row = new double[columns.size()];
        row[0] = ReferencePolicies.lru(trace.requests(), trace.capacity(), WARMUP);
        for (int p = 0; p < providers.size(); p++) {
          row[p + 1] = replay(providers.get(p), trace);
        }
        row[row.length - 1] = ReferencePolicies.optimal(trace.requests(), trace.capacity(), WARMUP);
        all.computeIfAbsent(trace.name(), k -> new ArrayList<>()).add(row);
        row(out, trace.name(), row);
        System.out.print(trace.name() + " " + Arrays.toString(row) + "\n");
      }
      out.append('\n');
    }
    if (seeds.length > 1) {
      out.append("Median over seeds ").append(Arrays.toString(seeds)).append(":\n\n");
      header(out, columns);
      for (Map.Entry<String, List<double[]>> e : all.entrySet()) {
        double[] median = new double[columns.size()];
        for (int c = 0; c < median.length; c++) {
          int col = c;
          double[] values = e.getValue().stream().mapToDouble(r -> r[col]).sorted().toArray();
          median[c] = values.length % 2 == 1 ? values[values.length / 2]
              : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        }
        row(out, e.getKey(), median);
      }
    }
    Files.writeString(Path.of(args[0]), out, StandardCharsets.UTF_8);
    System.out.print(out);
  }

  static List<Trace> traces(long seed) {
    return List.of(
        new Trace("Zipf 0.99, 1 %", SMALL, Traces.zipf(KEYS, 0.99, LENGTH, seed)),
        new Trace("Zipf 0.99, 10 %", LARGE, Traces.zipf(KEYS, 0.99, LENGTH, seed)),
        new Trace("Zipf 0.8, 1 %", SMALL, Traces.zipf(KEYS, 0.8, LENGTH, seed)),
        new Trace("Zipf 0.8, 10 %", LARGE, Traces.zipf(KEYS, 0.8, LENGTH, seed)),
        new Trace("Zipf 0.99 + 20 % one-time keys in bursts (scan), 1 %", SMALL,
            Traces.zipfWithScans(KEYS, 0.99, LENGTH, 100_000, 0.2, seed)),
        new Trace("Zipf 0.99, hot set reshuffled every 500,000, 10 %", LARGE,
            Traces.shiftingZipf(KEYS, 0.99, LENGTH, 500_000, seed)),
        new Trace("loop over 1.2 x capacity, 1 %", SMALL, Traces.loop(SMALL * 12 / 10, LENGTH)));
  }

  /** Replays the trace cache-aside on a new cache of the provider bounded at the trace's capacity. */
  static double replay(String provider, Trace trace) {
    IntFunction<Configuration<Integer, Integer>> config = switch (provider) {
      case "zenoo" -> capacity ->
          MemoryCacheConfiguration.builder(Integer.class, Integer.class).maxSize(capacity).storeByValue(false).build();
      case "caffeine" -> capacity -> {
        CaffeineConfiguration<Integer, Integer> c = new CaffeineConfiguration<>();
        c.setTypes(Integer.class, Integer.class);
        c.setStoreByValue(false);
        c.setMaximumSize(OptionalLong.of(capacity));
        return c;
      };
      default -> throw new IllegalArgumentException("HitRate knows zenoo and caffeine, not " + provider);
    };
    String className = provider.equals("zenoo") ? "io.zenoo.cache.jcache.ZenooCachingProvider"
        : "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
    CachingProvider cachingProvider = Caching.getCachingProvider(className, HitRate.class.getClassLoader());
    CacheManager manager = cachingProvider.getCacheManager(
        URI.create("hit-rate-" + provider), HitRate.class.getClassLoader());
    try {
      Cache<Integer, Integer> cache = manager.createCache("hit-rate", config.apply(trace.capacity()));
      int[] requests = trace.requests();
      long hits = 0;
      for (int i = 0; i < requests.length; i++) {
        Integer key = requests[i];
        if (cache.get(key) != null) {
          if (i >= WARMUP) {
            hits++;
          }
        } else {
          cache.put(key, key);
        }
      }
      manager.destroyCache("hit-rate");
      return (double) hits / (requests.length - WARMUP);
    } finally {
      manager.close();
    }
  }

  private static void header(StringBuilder out, List<String> columns) {
    out.append("| trace, capacity |");
    columns.forEach(c -> out.append(' ').append(c).append(" |"));
    out.append("\n|---|");
    columns.forEach(c -> out.append("---:|"));
    out.append('\n');
  }

  private static void row(StringBuilder out, String name, double[] values) {
    out.append("| ").append(name).append(" |");
    for (double v : values) {
      out.append(String.format(Locale.ROOT, " %.1f |", 100 * v));
    }
    out.append('\n');
  }
}
