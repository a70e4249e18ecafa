package io.zenoo.cache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.CacheUnavailableException;
import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import io.zenoo.cache.config.RedisCacheConfiguration;
import io.zenoo.cache.testkit.RedisServer;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every usage example of the seed API (../shared/seed/cache-backends-api.md), in Java, run against the memory
 * backend and real redis-server processes. The code between {@code // example: name} and {@code // end example}
 * is what docs/examples.md shows; {@link DocsExamplesTest} fails if the two differ, so the documentation's
 * examples compile and run.
 */
class SeedExamplesTest {

  private static final Logger log = LoggerFactory.getLogger(SeedExamplesTest.class);

  private final CachingProvider provider = Caching.getCachingProvider();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private RedisServer server;
  private String redisUrl;

  @BeforeEach
  void startRedis() {
    server = RedisServer.start();
    resources.add(server);
    redisUrl = server.uri().toString();
  }

  @AfterEach
  void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private CacheManager memoryManager() {
    CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), new ClassLoader(getClass().getClassLoader()) {});
    resources.add(manager::close);
    return manager;
  }

  private CacheManager redisManager(String url) {
    CacheManager manager = provider.getCacheManager(URI.create(url), new ClassLoader(getClass().getClassLoader()) {});
    resources.add(manager::close);
    return manager;
  }

  /** A value type of the application, for the serialization examples. */
  record User(String name, int age) implements Serializable {}

  @Test
  @SuppressWarnings("unchecked")
  void basicMemoryCache() {
    CacheManager manager = memoryManager();
    // example: basic-memory
    ZenooCache<String, String> cache = manager
        .createCache("basic", MemoryCacheConfiguration.builder(String.class, String.class).maxSize(1000).build())
        .unwrap(ZenooCache.class);
    cache.connect();                                   // a no-op in memory; kept for symmetry with Redis
    cache.put("key", "value");
    String value = cache.get("key");                   // "value"
    boolean exists = cache.containsKey("key");         // true
    cache.remove("key");
    cache.close();                                     // the seed's disconnect()
    // end example
    assertThat(value).isEqualTo("value");
    assertThat(exists).isTrue();
    assertThat(cache.isClosed()).isTrue();
  }

  @Test
  @SuppressWarnings("unchecked")
  void memoryCacheWithTtl() {
    CacheManager manager = memoryManager();
    // example: memory-ttl
    ZenooCache<String, String> cache = manager
        .createCache("ttl", MemoryCacheConfiguration.builder(String.class, String.class)
            .maxSize(500)
            .defaultTtl(Duration.ofMinutes(5))                // entries live 5 minutes unless told otherwise
            .cleanupInterval(Duration.ofSeconds(60))          // expired entries are swept every minute
            .build())
        .unwrap(ZenooCache.class);
    cache.put("session", "data");                             // default TTL
    cache.put("token", "t", Duration.ofMillis(200));          // its own TTL
    // end example
    assertThat(cache.get("session")).isEqualTo("data");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cache.get("token") == null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void memoryCacheStatistics() {
    ZenooCache<String, String> cache = memoryManager()
        .createCache("stats", MemoryCacheConfiguration.builder(String.class, String.class).maxSize(1000).build())
        .unwrap(ZenooCache.class);
    cache.put("a", "1");
    cache.get("a");
    cache.get("missing");
    // example: statistics
    Map<String, Object> stats = cache.stats().asMap();
    log.info("Backend: {}", stats.get("backend"));             // memory
    log.info("Max size: {}", stats.get("max_size"));
    log.info("Current size: {}", stats.get("current_size"));
    log.info("Hit rate: {}", cache.stats().hitRate());          // 0.0 to 1.0
    log.info("Memory usage: {} bytes", stats.get("memory_usage"));
    log.info("Expired items: {}", stats.get("expired_items"));
    // end example
    assertThat(stats).containsEntry("backend", "memory").containsEntry("current_size", 1L);
    assertThat(cache.stats().hitRate()).isEqualTo(0.5);
    assertThat((Long) stats.get("memory_usage")).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void basicRedisCache() {
    // example: basic-redis
    CacheManager manager = Caching.getCachingProvider().getCacheManager(URI.create(redisUrl), null);
    ZenooCache<String, String> cache = manager
        .createCache("basic", RedisCacheConfiguration.builder(String.class, String.class)
            .namespace("myapp")
            .build())
        .unwrap(ZenooCache.class);
    cache.connect();
    cache.put("user:123", "Alice", Duration.ofHours(1));      // key myapp:basic:user:123, native TTL
    String user = cache.get("user:123");
    cache.close();
    // end example
    resources.add(manager::close);
    assertThat(user).isEqualTo("Alice");
    assertThat((Long) server.command("PTTL", "myapp:basic:user:123")).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void productionRedisConfiguration() {
    CacheManager manager = redisManager(redisUrl);
    // example: production-redis
    ZenooCache<String, String> cache = manager
        .createCache("orders", RedisCacheConfiguration.builder(String.class, String.class)
            .url(redisUrl)                                    // e.g. redis://redis.internal:6379/0
            .namespace("production_app")
            .serializer("json")
            .maxConnections(50)
            .retryAttempts(5)
            .retryBackoffBase(Duration.ofMillis(100))
            .retryBackoffMax(Duration.ofSeconds(30))
            .healthCheckInterval(Duration.ofSeconds(15))
            .circuitBreakerThreshold(10)
            .circuitBreakerTimeout(Duration.ofSeconds(120))
            .socketTimeout(Duration.ofSeconds(3))
            .socketConnectTimeout(Duration.ofSeconds(3))
            .enableFallback(true)
            .expiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                new javax.cache.expiry.Duration(java.util.concurrent.TimeUnit.HOURS, 1)))
            .build())
        .unwrap(ZenooCache.class);
    cache.connect();
    cache.put("order:1", "{\"total\": 42}");                 // retried, then served by the fallback if Redis fails
    // end example
    assertThat(cache.get("order:1")).isEqualTo("{\"total\": 42}");
    assertThat(server.command("EXISTS", "production_app:orders:order:1")).isEqualTo(1L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void redisWithAuthenticationAndTls() {
    String password = "s3cret-" + System.nanoTime();
    RedisServer secure = RedisServer.builder().tls(true).user("app", password).start();
    resources.add(secure);
    String host = "127.0.0.1:" + secure.port();
    String truststore = secure.tls().orElseThrow().truststore().toString();
    String truststorePassword = secure.tls().orElseThrow().truststorePassword();
    // example: redis-tls
    // rediss:// is TLS; user and password are never printed (toString, messages, JMX, logs mask them)
    CacheManager manager = Caching.getCachingProvider()
        .getCacheManager(URI.create("rediss://app:" + password + "@" + host + "/0"), null);
    ZenooCache<String, String> cache = manager
        .createCache("secure", RedisCacheConfiguration.builder(String.class, String.class)
            .url("rediss://app:" + password + "@" + host + "/0")
            .sslTruststore(truststore)                        // the CA that signed the server's certificate
            .sslTruststorePassword(truststorePassword)
            .build())
        .unwrap(ZenooCache.class);
    cache.connect();
    cache.put("secret", "over TLS");
    // end example
    resources.add(manager::close);
    assertThat(cache.get("secret")).isEqualTo("over TLS");
    assertThat(cache.toString() + cache.stats()).doesNotContain(password);
  }

  @Test
  @SuppressWarnings("unchecked")
  void circuitBreaker() {
    CacheManager manager = redisManager(redisUrl);
    ZenooCache<String, String> cache = manager
        .createCache("breaker", RedisCacheConfiguration.builder(String.class, String.class)
            .url(redisUrl).circuitBreakerThreshold(3).circuitBreakerTimeout(Duration.ofSeconds(30))
            .retryAttempts(1).socketTimeout(Duration.ofMillis(500)).build())
        .unwrap(ZenooCache.class);
    cache.put("key", "value");
    server.kill();
    // example: circuit-breaker
    // CLOSED: normal operation; OPEN: Redis is failing, the fallback serves; HALF_OPEN: one probe tests Redis
    for (int i = 0; i < 5; i++) {
      cache.get("key");                                       // never throws while the fallback is enabled
    }
    Object state = cache.stats().get("circuit_state");        // "open" after circuit_breaker_threshold failures
    Object trips = cache.stats().get("circuit_breaker_trips");
    // end example
    assertThat(state).isEqualTo("open");
    assertThat(trips).isEqualTo(1L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void connectionPool() throws Exception {
    CacheManager manager = redisManager(redisUrl);
    // example: connection-pool
    // one client, one multiplexed connection per server and JVM, shared by every cache and manager using it;
    // max_connections bounds what this JVM opens to one server
    ZenooCache<String, String> cache = manager
        .createCache("pooled", RedisCacheConfiguration.builder(String.class, String.class)
            .url(redisUrl).maxConnections(20).build())
        .unwrap(ZenooCache.class);
    ExecutorService workers = Executors.newFixedThreadPool(8);
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String key = "key" + i;
      writes.add(CompletableFuture.runAsync(() -> cache.put(key, "value"), workers));
    }
    writes.forEach(CompletableFuture::join);
    workers.shutdown();
    // end example
    assertThat(cache.get("key99")).isEqualTo("value");
  }

  @Test
  @SuppressWarnings("unchecked")
  void retryWithBackoff() {
    CacheManager manager = redisManager(redisUrl);
    // example: retry
    // attempt 1 at once, then waits of ~100 ms, ~200 ms, ~400 ms, ~800 ms (jittered, capped at retry_backoff_max)
    // for connection failures and timeouts; error replies are never retried
    ZenooCache<String, String> cache = manager
        .createCache("retried", RedisCacheConfiguration.builder(String.class, String.class)
            .url(redisUrl)
            .retryAttempts(5)
            .retryBackoffBase(Duration.ofMillis(100))
            .retryBackoffMax(Duration.ofSeconds(60))
            .build())
        .unwrap(ZenooCache.class);
    cache.put("key", "value");
    // end example
    assertThat(cache.get("key")).isEqualTo("value");
  }

  @Test
  @SuppressWarnings("unchecked")
  void fallback() {
    CacheManager manager = redisManager(redisUrl);
    // example: fallback
    ZenooCache<String, String> cache = manager
        .createCache("resilient", RedisCacheConfiguration.builder(String.class, String.class)
            .url(redisUrl)
            .enableFallback(true)                             // the default
            .fallbackMaxSize(10_000)
            .socketTimeout(Duration.ofMillis(500))
            .build())
        .unwrap(ZenooCache.class);
    cache.put("key", "value");                                // Redis is up: written to Redis
    server.kill();                                            // Redis fails (network, crash, ...)
    cache.put("key", "new value");                            // served by the in-memory fallback, no exception
    String value = cache.get("key");                          // "new value": transparent to the application
    // end example
    assertThat(value).isEqualTo("new value");
    assertThat((Long) cache.stats().get("fallback_hits")).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonAndJavaSerialization() {
    CacheManager manager = redisManager(redisUrl);
    // example: serialization
    // JSON (the default): readable in redis-cli, cross-language; declared types need no allow-list
    ZenooCache<String, User> json = manager
        .createCache("users-json", RedisCacheConfiguration.builder(String.class, User.class)
            .url(redisUrl).serializer("json").build())
        .unwrap(ZenooCache.class);
    json.put("alice", new User("Alice", 30));

    // Java serialization (alias "pickle"): any Serializable object graph, only from allowed packages
    ZenooCache<String, Object> java = manager
        .createCache("users-java", RedisCacheConfiguration.builder(String.class, Object.class)
            .url(redisUrl).serializer("java").addAllowedPackage(User.class.getPackageName()).build())
        .unwrap(ZenooCache.class);
    java.put("bob", new User("Bob", 41));
    // end example
    assertThat(json.get("alice")).isEqualTo(new User("Alice", 30));
    assertThat(java.get("bob")).isEqualTo(new User("Bob", 41));
    assertThat(String.valueOf(server.command("GET", "zenoo:users-json:alice"))).contains("\"Alice\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void errorHandling() {
    server.stop();
    CacheManager manager = redisManager(redisUrl);
    ZenooCache<String, String> cache = manager
        .createCache("strict", RedisCacheConfiguration.builder(String.class, String.class)
            .url(redisUrl).enableFallback(false).retryAttempts(1)
            .socketConnectTimeout(Duration.ofMillis(500)).build())
        .unwrap(ZenooCache.class);
    String outcome = "";
    // example: error-handling
    try {
      cache.connect();
    } catch (CacheUnavailableException e) {                   // Redis unreachable and no fallback enabled
      log.warn("Failed to connect to Redis: {}", e.getMessage()); // names host and cause, never the password
      outcome = "unavailable";
    }
    try {
      cache.put("key", "value");
    } catch (CacheException e) {                              // any failure of an operation
      log.warn("Cache operation failed: {}", e.getMessage());
      outcome += ", failed";
    }
    // end example
    assertThat(outcome).isEqualTo("unavailable, failed");
  }

  @Test
  @SuppressWarnings("unchecked")
  void gracefulDegradation() {
    CacheManager manager = redisManager(redisUrl);
    Cache<String, String> cache = manager
        .createCache("users", RedisCacheConfiguration.builder(String.class, String.class)
            .url(redisUrl).enableFallback(false).retryAttempts(1).socketTimeout(Duration.ofMillis(500)).build());
    Function<String, String> loadUserFromDb = id -> "user " + id;
    server.kill();
    // example: graceful-degradation
    String userId = "123";
    String user = null;
    try {
      user = cache.get("user:" + userId);                     // try the cache first
    } catch (CacheException e) {
      // the cache failed: go on without it
    }
    if (user == null) {
      user = loadUserFromDb.apply(userId);
      try {
        cache.put("user:" + userId, user);                    // cache it for next time
      } catch (CacheException e) {
        // the cache failed, but we have the data
      }
    }
    // end example
    assertThat(user).isEqualTo("user 123");
  }

  @Test
  @SuppressWarnings("unchecked")
  void backendComparison() {
    CacheManager memory = memoryManager();
    CacheManager redis = redisManager(redisUrl);
    // example: backend-comparison
    Map<String, ZenooCache<String, String>> caches = Map.of(
        "Memory", memory.createCache("compare", MemoryCacheConfiguration.builder(String.class, String.class)
            .maxSize(1000).build()).unwrap(ZenooCache.class),
        "Redis", redis.createCache("compare", RedisCacheConfiguration.builder(String.class, String.class)
            .url(redisUrl).build()).unwrap(ZenooCache.class));
    caches.forEach((name, cache) -> {
      long start = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        cache.put("key" + i, "value_" + i);
      }
      for (int i = 0; i < 100; i++) {
        cache.get("key" + i);
      }
      log.info("{} cache: {} ms, hit rate {}", name, (System.nanoTime() - start) / 1_000_000,
          cache.stats().hitRate());
    });
    // end example
    caches.values().forEach(cache -> assertThat(cache.stats().hitRate()).isEqualTo(1.0));
  }

  @Test
  @SuppressWarnings("unchecked")
  void healthMonitoring() {
    CacheManager manager = redisManager(redisUrl);
    ZenooCache<String, String> cache = manager
        .createCache("monitored", RedisCacheConfiguration.builder(String.class, String.class)
            .url(redisUrl).healthCheckInterval(Duration.ofMillis(100)).build())
        .unwrap(ZenooCache.class);
    cache.connect();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> "ok".equals(cache.stats().get("last_health_check")));
    List<String> alerts = new ArrayList<>();
    // example: health-monitoring
    Map<String, Object> stats = cache.stats().asMap();       // e.g. from a scheduled task every 30 s
    if (!Boolean.TRUE.equals(stats.get("connected"))) {
      alerts.add("cache disconnected");
    }
    if ("open".equals(stats.get("circuit_state"))) {
      alerts.add("circuit breaker open: using the fallback");
    }
    if ((Double) stats.get("error_rate") > 0.1) {
      alerts.add("high error rate: " + stats.get("error_rate"));
    }
    log.info("last health check {}, {} ms", stats.get("last_health_check"), stats.get("health_check_latency_ms"));
    // end example
    assertThat(alerts).isEmpty();
    assertThat((Double) stats.get("health_check_latency_ms")).isNotNegative();
  }
}
