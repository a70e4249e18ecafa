package io.zenoo.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Threads;

/** {@link RedisSync} with two threads on one cache. */
@Threads(2)
public class RedisSync2T extends RedisSync {

  @Param({"zenoo-redis", "redisson", "lettuce-sync"})
  public String provider;

  @Override
  protected String provider() {
    return provider;
  }
}
