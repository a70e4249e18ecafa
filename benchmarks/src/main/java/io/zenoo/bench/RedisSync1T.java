package io.zenoo.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Threads;

/** {@link RedisSync} with one thread. */
@Threads(1)
public class RedisSync1T extends RedisSync {

  @Param({"zenoo-redis", "zenoo-redis-bare", "zenoo-redis-open", "zenoo", "redisson", "lettuce-sync"})
  public String provider;

  @Override
  protected String provider() {
    return provider;
  }
}
