package io.zenoo.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.CacheAccessException;
import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connections, statistics and credentials of RedisCache, against real servers. */
@ExtendWith(RedisExtension.class)
class RedisConnectionsTest {

  private final CachingProvider provider = Caching.getCachingProvider();
  private final List<CacheManager> managers = new ArrayList<>();

  @AfterEach
  void tearDown() {
    managers.forEach(CacheManager::close);
  }

  private CacheManager manager(URI uri) {
    CacheManager manager = provider.getCacheManager(uri, new ClassLoader(getClass().getClassLoader()) {});
    managers.add(manager);
    return manager;
  }

  @SuppressWarnings("unchecked")
  private static ZenooCache<String, String> cache(CacheManager manager, String name) {
    return manager.createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class))
        .unwrap(ZenooCache.class);
  }

  private static long clientConnections(RedisServer server) {
    String list = String.valueOf(server.command("CLIENT", "LIST"));
    // the kit's own command connection shows as running CLIENT LIST: count the others
    return list.lines().filter(line -> !line.isBlank() && !line.contains("cmd=client")).count();
  }

  @Test
  void twoHundredConcurrentCallers_shareConnectionsWithinMaxConnections(RedisServer server) throws Exception {
    CacheManager first = manager(URI.create(server.uri() + "?max_connections=20"));
    CacheManager second = manager(URI.create(server.uri() + "?max_connections=20"));
    ZenooCache<String, String> a = cache(first, "a");
    ZenooCache<String, String> b = cache(second, "b");
    ExecutorService pool = Executors.newFixedThreadPool(200);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 200; t++) {
        ZenooCache<String, String> cache = t % 2 == 0 ? a : b;
        String key = "k" + t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 20; i++) {
            cache.put(key, "v" + i);
            assertThat(cache.get(key)).isEqualTo("v" + i);
          }
          return null;
        }));
      }
      start.countDown();
      long peak = 0;
      for (Future<?> f : futures) {
        peak = Math.max(peak, clientConnections(server));
        f.get();
      }
      peak = Math.max(peak, clientConnections(server));
      assertThat(peak).isBetween(1L, 20L);
    } finally {
      pool.shutdownNow();
    }
    assertThat(SharedClients.openClients()).isPositive();
  }

  @Test
  void stats_countOperationsAndConnectionErrors_andConnectedFollowsTheServer(RedisServer server) {
    // without the fallback, so that the failed call reaches the caller
    ZenooCache<String, String> cache =
        cache(manager(URI.create(server.uri() + "?socket_timeout=1&enable_fallback=false&retry_attempts=2"
            + "&retry_backoff_base=0.01")), "stats");
    cache.put("a", "1");
    cache.get("a");
    Map<String, Object> before = cache.stats().asMap();
    assertThat(before).containsKeys("backend", "connected", "circuit_state", "hit_rate", "connection_errors",
        "circuit_breaker_trips", "fallback_hits", "total_operations", "error_rate");
    assertThat(before.get("backend")).isEqualTo("redis");
    assertThat(before.get("connected")).isEqualTo(true);
    assertThat((Long) before.get("total_operations")).isPositive();
    assertThat(before.get("connection_errors")).isEqualTo(0L);

    server.kill();
    assertThatThrownBy(() -> cache.get("a"))
        .isInstanceOf(io.zenoo.cache.CacheUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + server.port());
    Map<String, Object> after = cache.stats().asMap();
    assertThat((Long) after.get("connection_errors")).isPositive();
    assertThat((Double) after.get("error_rate")).isPositive();
    // the client notices the closed socket on its I/O thread, possibly just after the failed call returned
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> Boolean.FALSE.equals(cache.stats().get("connected")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void credentials_workWhenRight_failClearlyWhenWrong_andNeverPrint() throws Exception {
    String password = "pw-" + System.nanoTime();
    // what the logging backend (slf4j-simple, on System.err) prints meanwhile is scanned too
    java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
    java.io.PrintStream originalErr = System.err;
    System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      credentialsScenario(password);
    } finally {
      System.setErr(originalErr);
    }
    String log = logged.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(log).as("the capture works: the decode warning is in it").contains("does not decode");
    assertThat(log).doesNotContain(password);
  }

  @SuppressWarnings("unchecked")
  private void credentialsScenario(String password) throws Exception {
    try (RedisServer secured = RedisServer.builder().defaultUserPassword(password).start()) {
      String hostPort = "127.0.0.1:" + secured.port();
      CacheManager wrong = manager(URI.create("redis://:not-" + password + "@" + hostPort));
      ZenooCache<String, String> refused = cache(wrong, "refused");
      assertThatThrownBy(refused::connect)
          .isInstanceOf(CacheException.class)
          .hasMessageContaining(hostPort)
          .satisfies(e -> assertThat(fullText(e)).doesNotContain(password));

      CacheManager right = manager(URI.create("redis://:" + password + "@" + hostPort));
      ZenooCache<String, String> cache = cache(right, "secured");
      cache.connect();
      cache.put("k", "v");
      assertThat(cache.get("k")).isEqualTo("v");
      secured.command("SET", "zenoo:secured:garbage", "not an entry");
      assertThat(cache.get("garbage")).as("logs a decode warning").isNull();
      right.enableStatistics("secured", true);
      right.enableManagement("secured", true);

      List<String> printed = new ArrayList<>();
      printed.add(cache.toString());
      printed.add(right.toString());
      printed.add(cache.stats().toString());
      printed.add(cache.getConfiguration(javax.cache.configuration.CompleteConfiguration.class).toString());
      MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
      for (ObjectName name : mbeans.queryNames(new ObjectName("*:Cache=secured,*"), null)) {
        printed.add(name.toString());
        for (var attribute : mbeans.getMBeanInfo(name).getAttributes()) {
          printed.add(String.valueOf(mbeans.getAttribute(name, attribute.getName())));
        }
      }
      assertThat(printed).hasSizeGreaterThan(5);
      assertThat(printed).allSatisfy(text -> assertThat(text).doesNotContain(password));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void rediss_withAnAclUserAndTheTestCaPassedByConfiguration_works() throws Exception {
    String password = "acl-" + System.nanoTime();
    try (RedisServer tls = RedisServer.builder().tls(true).user("app", password).start()) {
      var material = tls.tls().orElseThrow();
      java.util.Properties properties = new java.util.Properties();
      properties.setProperty("ssl_truststore", material.truststore().toString());
      properties.setProperty("ssl_truststore_password", material.truststorePassword());
      URI uri = URI.create("rediss://app:" + password + "@127.0.0.1:" + tls.port() + "/0");
      CacheManager manager = provider.getCacheManager(uri, new ClassLoader(getClass().getClassLoader()) {}, properties);
      managers.add(manager);
      ZenooCache<String, String> cache = cache(manager, "tls");
      cache.connect();
      cache.put("k", "over TLS");
      assertThat(cache.get("k")).isEqualTo("over TLS");
      assertThat(tls.command("GET", "zenoo:tls:k")).isNotNull();
      assertThat(cache.getConfiguration(javax.cache.configuration.CompleteConfiguration.class).toString())
          .doesNotContain(password)
          .doesNotContain(material.truststorePassword());

      java.util.Properties untrusted = new java.util.Properties();
      CacheManager noTrust =
          provider.getCacheManager(URI.create(uri + "?socket_connect_timeout=2"), new ClassLoader(getClass().getClassLoader()) {}, untrusted);
      managers.add(noTrust);
      ZenooCache<String, String> refused = cache(noTrust, "tls");
      assertThatThrownBy(refused::connect)
          .as("without the test CA the server certificate is not trusted")
          .isInstanceOf(CacheException.class)
          .satisfies(e -> assertThat(fullText(e)).doesNotContain(password));
    }
  }

  private static String fullText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
