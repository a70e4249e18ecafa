package io.zenoo.cache.redis;

import io.zenoo.cache.memory.MemoryStore;
import io.zenoo.cache.resilience.Backoff;
import io.zenoo.cache.resilience.ResilienceSettings;
import io.zenoo.cache.resilience.ResilientStore;
import io.zenoo.cache.resilience.Sleeper;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.Store;
import java.time.Duration;

/**
 * The store contract (and the Redis store's own tests) run through the resilience layer on a healthy
 * server: retry, circuit breaker and fallback must change nothing while Redis answers.
 */
class ResilientRedisStoreContractTest extends RedisStoreContractTest {

  @Override
  protected Store<String, Object> wrap(RedisStore<String> redis, Clock clock) {
    ResilienceSettings settings =
        new ResilienceSettings(
            3,
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)),
            5,
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            true,
            false,
            1_000);
    return ResilientStore.create(
        redis,
        MemoryStore.create(100, 0, clock, (k, v) -> 1, new Store.RemovalListener<String, Object>() {
          @Override
          public void onEviction(String key, io.zenoo.cache.store.StoreEntry<Object> entry) {}

          @Override
          public void onExpiration(String key, io.zenoo.cache.store.StoreEntry<Object> entry) {}
        }),
        settings,
        clock,
        java.time.Clock.systemUTC(),
        Sleeper.system());
  }
}
