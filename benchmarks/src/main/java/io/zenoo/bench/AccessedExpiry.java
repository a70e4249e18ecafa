package io.zenoo.bench;

import java.util.concurrent.TimeUnit;
import javax.cache.configuration.Factory;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.openjdk.jmh.annotations.Param;

/**
 * getHit and mix on caches with {@code AccessedExpiryPolicy} of 5 minutes: nothing expires during
 * the run, but every get has to read the clock and may push the entry's expiry forward. Memory
 * providers only; by reference by default (the copy cost is measured by {@link MemoryCache}),
 * {@code -p storeByValue=true,false} adds by value. {@code chm} is not in the default list: given
 * with {@code -p provider=...} it runs, but as the raw map without any expiry (a ceiling).
 */
public abstract class AccessedExpiry extends CacheBenchmark {

  @Param({"zenoo", "caffeine", "ehcache"})
  public String provider;

  @Param({"false"})
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
    return AccessedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 5));
  }
}
