package io.zenoo.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory benchmarks' common part ({@link MemoryCache}, {@link AccessedExpiry}): getHit and
 * mix on a {@link CacheFixture} filled with one put at a time.
 *
 * <p>The defaults here (2 forks, 1 warmup and 3 measurement iterations of 1 s) are the ones of the
 * full run, which with the Redis benchmarks stays under 15 minutes on 2 cores; run.sh overrides them
 * only when FORKS, ITERATIONS, ... are set (see README.md).
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class CacheBenchmark extends CacheFixture {

  /** A get of a present key. */
  @Benchmark
  public String getHit(Rng rng) {
    return cache.get(keys[indices[rng.next() & INDEX_MASK]]);
  }

  /** 90 % get, 10 % put of a present key. */
  @Benchmark
  public String mix(Rng rng) {
    int r = rng.next();
    String key = keys[indices[r & INDEX_MASK]];
    if ((r >>> 16) < PUT_THRESHOLD) {
      cache.put(key, values[(r >>> 16) & (VALUE_VARIANTS - 1)]);
      return key;
    }
    return cache.get(key);
  }
}
