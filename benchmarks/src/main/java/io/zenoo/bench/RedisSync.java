package io.zenoo.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * getHit and put through the synchronous {@code javax.cache.Cache} calls on a Redis server of the
 * trial's own: zenoo-cache's RedisCache ({@code zenoo-redis}), Redisson's JCache ({@code redisson})
 * and raw Lettuce GET/SET ({@code lettuce-sync}, the ceiling); at 1 thread also, for the resilience layer's
 * cost, RedisCache without it ({@code zenoo-redis-bare}), RedisCache with its circuit open
 * ({@code zenoo-redis-open}, every call served by the in-memory fallback) and MemoryCache ({@code zenoo}, by
 * value) to compare that with. Each subclass declares its providers. Run with 1 thread ({@link
 * RedisSync1T}) and 2 threads ({@link RedisSync2T}); each call is one round trip on loopback.
 */
public abstract class RedisSync extends RedisBenchmark {


  /** A get of a present key. */
  @Benchmark
  public String getHit(Rng rng) {
    return cache.get(keys[indices[rng.next() & INDEX_MASK]]);
  }

  /** A put over a present key (a replace with one of 16 values). */
  @Benchmark
  public void put(Rng rng) {
    int r = rng.next();
    cache.put(keys[indices[r & INDEX_MASK]], values[(r >>> 16) & (VALUE_VARIANTS - 1)]);
  }
}
