package io.zenoo.cache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.config.RedisCacheConfiguration;
import io.zenoo.cache.metrics.ZenooCacheMetrics;
import io.zenoo.cache.transaction.CacheTransaction;
import io.zenoo.cache.transaction.CacheTransactionSynchronization;
import jakarta.transaction.TransactionManager;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The Java examples of docs/ that are not seed examples: {@link DocsExamplesTest} checks that the docs show
 * exactly the code between {@code // example: name} and {@code // end example} here. The transaction,
 * Spring and Micrometer examples run on memory caches; the resilience and JTA ones need a remote server or a
 * JTA transaction manager, so they are compiled only ({@link #compiledOnly}).
 */
class DocSnippetsTest {

  private final CacheManager manager = Caching.getCachingProvider()
      .getCacheManager(URI.create("doc-snippets:memory"), new ClassLoader(getClass().getClassLoader()) {});

  /** A value type of the application. */
  record User(String name) implements java.io.Serializable {}

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void transaction_appliesAtCommit() {
    Cache<String, User> users = manager.createCache("users", new MutableConfiguration<String, User>());
    Cache<String, User> sessions = manager.createCache("sessions", new MutableConfiguration<String, User>());
    String id = "u1";
    User user = new User("Ada");
    sessions.put(id, user);
    // example: transaction
    try (CacheTransaction tx = CacheTransaction.begin()) {
      users.put(id, user);
      sessions.remove(id);
      users.get(id);    // the transaction reads its own write
      tx.commit();      // without it, close() rolls back
    }
    // end example
    assertThat(users.get(id)).isEqualTo(user);
    assertThat(sessions.containsKey(id)).isFalse();
  }

  @Test
  void springTransaction_appliesTheCacheTransactionAfterTheCommit() {
    Cache<String, User> users = manager.createCache("users", new MutableConfiguration<String, User>());
    TransactionSynchronizationManager.initSynchronization();
    try {
      // example: transaction-spring
      CacheTransaction cacheTransaction = CacheTransaction.begin();
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override public void afterCompletion(int status) {
          if (status == STATUS_COMMITTED) cacheTransaction.commit(); else cacheTransaction.rollback();
        }
      });
      // end example
      users.put("u1", new User("Ada"));
      for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
        s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
      }
    } finally {
      TransactionSynchronizationManager.clearSynchronization();
    }
    assertThat(users.get("u1")).isEqualTo(new User("Ada"));
  }

  @Test
  void micrometer_bindsBothBinders() {
    MeterRegistry registry = new SimpleMeterRegistry();
    MutableConfiguration<String, User> config = new MutableConfiguration<String, User>();
    // example: micrometer
    Cache<String, User> users = manager.createCache("users", config.setStatisticsEnabled(true));
    JCacheMetrics.monitor(registry, users);                                   // JCache statistics
    ZenooCacheMetrics.monitor(registry, users.unwrap(ZenooCache.class));      // backend and resilience
    // or: new ZenooCacheMetrics(cache, Tags.of("app", "shop"), Duration.ofSeconds(1)).bindTo(registry);
    // end example
    assertThat(registry.find("zenoo.cache.hit.rate").tag("cache", "users").gauge()).isNotNull();
    assertThat(Tags.of("app", "shop")).isNotEmpty();
  }

  /** Compiled, never run: these need a Redis server at a made-up address or a JTA transaction manager. */
  @SuppressWarnings({"unchecked", "unused"})
  private static void compiledOnly(CacheManager manager, TransactionManager transactionManager,
      Cache<String, User> users, String id, User user) throws Exception {
    {
      // example: resilience-builder
      ZenooCache<String, String> cache = manager.createCache("orders",
              RedisCacheConfiguration.builder(String.class, String.class)
                  .url("redis://cache.internal:6379/0")
                  .retryAttempts(3).retryBackoffBase(Duration.ofMillis(50)).retryBackoffMax(Duration.ofSeconds(2))
                  .circuitBreakerThreshold(5).circuitBreakerTimeout(Duration.ofSeconds(10))
                  .socketTimeout(Duration.ofMillis(500))
                  .enableFallback(true).fallbackMaxSize(50_000)
                  .build())
          .unwrap(ZenooCache.class);
      cache.connect();                       // never throws for a dead server while the fallback is on
      Map<String, Object> s = cache.stats().asMap();
      // connected, circuit_state (closed/open/half_open), circuit_breaker_trips, circuit_history, fallback_hits,
      // degraded, pending_reconciliation, connection_errors, total_operations, error_rate, last_health_check …
      // end example
    }
    // example: transaction-jta
    transactionManager.begin();
    transactionManager.getTransaction().registerSynchronization(CacheTransactionSynchronization.begin());
    users.put(id, user);            // recorded
    transactionManager.commit();    // afterCompletion(STATUS_COMMITTED) applies it
    // end example
  }
}
