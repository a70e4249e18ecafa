package io.zenoo.bench;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code getAll} and {@code putAll} of {@value #SIZE} keys through {@code javax.cache.Cache}, one thread, on a
 * Redis server of the trial's own; scores are keys per second ({@link OperationsPerInvocation}), to set
 * beside {@code redis-benchmark -P 16} requests per second. RedisCache reads with one {@code MGET} and
 * writes with pipelined {@code SET … GET}s; raw Lettuce ({@code lettuce-sync}) with {@code MGET} and
 * {@code MSET}.
 */
@Threads(1)
public class RedisBatch extends RedisBenchmark {

  /** Keys per call. */
  static final int SIZE = 100;

  @Param({"zenoo-redis", "redisson", "lettuce-sync"})
  public String provider;

  @Override
  protected String provider() {
    return provider;
  }

  /** A getAll of 100 present keys. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public Map<String, String> getAll(Rng rng) {
    Set<String> wanted = new LinkedHashSet<>(SIZE * 2);
    while (wanted.size() < SIZE) {
      wanted.add(keys[indices[rng.next() & INDEX_MASK]]);
    }
    return cache.getAll(wanted);
  }

  /** A putAll of 100 present keys (each replaced with one of 16 values). */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public void putAll(Rng rng) {
    Map<String, String> entries = new HashMap<>(SIZE * 2);
    while (entries.size() < SIZE) {
      int r = rng.next();
      entries.put(keys[indices[r & INDEX_MASK]], values[(r >>> 16) & (VALUE_VARIANTS - 1)]);
    }
    cache.putAll(entries);
  }
}
