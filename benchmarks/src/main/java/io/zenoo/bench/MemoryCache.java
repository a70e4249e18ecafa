package io.zenoo.bench;

import javax.cache.configuration.Factory;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * getHit, put and mix on eternal caches, every provider of the table, by value and by reference.
 * Run with 1 thread ({@link MemoryCache1T}) and 2 threads ({@link MemoryCache2T}).
 */
public abstract class MemoryCache extends CacheBenchmark {

  @Param({"zenoo", "caffeine", "ehcache", "chm"})
  public String provider;

  @Param({"true", "false"})
  public boolean storeByValue;

  @Override
  protected String provider() {
    return provider;
  }

  @Override
  protected boolean storeByValue() {
    return storeByValue;
  }

  @Override
  protected Factory<? extends ExpiryPolicy> expiryPolicy() {
    return EternalExpiryPolicy.factoryOf();
  }

  /** A put over a present key (a replace, never an insert or an eviction). */
  @Benchmark
  public void put(Rng rng) {
    int r = rng.next();
    cache.put(keys[indices[r & INDEX_MASK]], values[(r >>> 16) & (VALUE_VARIANTS - 1)]);
  }
}
