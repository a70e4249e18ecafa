package io.zenoo.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zenoo.cache.CacheUnavailableException;
import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testkit.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resilience layer against real failing servers: each test runs a concurrent mixed load (see
 * {@link MixedLoad}) while it kills, freezes, restarts or disconnects a real redis-server, then checks that no
 * caller saw an error (with the fallback), that no read returned a value older than its thread's last
 * write, and what the statistics say. Timeouts are short so that each test takes seconds.
 */
class RedisFaultTest {

  /** Short timeouts: a call gives up after 2 attempts of 0.5 s; 3 failed calls open the circuit for 0.5 s. */
  private static final String FAST =
      "socket_timeout=0.5&socket_connect_timeout=0.5&retry_attempts=2&retry_backoff_base=0.02"
          + "&retry_backoff_max=0.2&circuit_breaker_threshold=3&circuit_breaker_timeout=0.5"
          + "&health_check_interval=0.2";

  /** Far above any deadline here (2 × (GET + CAS) × 0.5 s + back-off): a call that takes this long hung. */
  private static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(20);

  private static final Duration AWAIT = Duration.ofSeconds(30);

  private final CachingProvider provider = Caching.getCachingProvider();
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private RedisServer server() {
    RedisServer server = RedisServer.start();
    resources.add(server);
    return server;
  }

  @SuppressWarnings("unchecked")
  private ZenooCache<String, String> cache(RedisServer server, String parameters) {
    CacheManager manager =
        provider.getCacheManager(
            URI.create(server.uri() + "?" + parameters), new ClassLoader(getClass().getClassLoader()) {});
    resources.add(manager::close);
    return manager
        .createCache("faults", new MutableConfiguration<String, String>().setTypes(String.class, String.class))
        .unwrap(ZenooCache.class);
  }

  private MixedLoad load(ZenooCache<String, String> cache) {
    MixedLoad load = new MixedLoad(cache, 4, 100);
    resources.add(load);
    return load;
  }

  private static void awaitProgress(MixedLoad load, long operations) {
    long target = load.operations() + operations;
    await().atMost(AWAIT).until(() -> load.operations() >= target || !load.errors().isEmpty());
  }

  private static Map<String, Object> stats(ZenooCache<String, String> cache) {
    return cache.stats().asMap();
  }

  private static void assertHealthy(MixedLoad.Report report) {
    assertThat(report.errors()).as("errors seen by callers").isEmpty();
    assertThat(report.staleReads()).as("reads older than their thread's last write").isEmpty();
    assertThat(report.longestCallNanos()).as("no call hangs").isLessThan(HANG_NANOS);
    assertThat(report.operations()).isPositive();
  }

  private static void assertCircuitWentRound(Map<String, Object> stats) {
    List<String> history = Arrays.asList(String.valueOf(stats.get("circuit_history")).split(", "));
    int opened = history.indexOf("closed→open");
    assertThat(opened).as("circuit history %s", history).isNotNegative();
    List<String> after = history.subList(opened, history.size());
    assertThat(after).as("circuit history %s", history).contains("open→half_open", "half_open→closed");
    assertThat(history.get(history.size() - 1)).isEqualTo("half_open→closed");
    assertThat((Long) stats.get("circuit_breaker_trips"))
        .isEqualTo(history.stream().filter(t -> t.endsWith("→open")).count());
  }

  private static void awaitRecovered(ZenooCache<String, String> cache) {
    await().atMost(AWAIT).until(() -> {
      Map<String, Object> s = stats(cache);
      return "closed".equals(s.get("circuit_state")) && Boolean.FALSE.equals(s.get("degraded"))
          && Boolean.TRUE.equals(s.get("connected"));
    });
  }

  @Test
  void kill9MidLoad_thenRestart_fallbackServes_noErrorNoStaleRead_andTheCircuitGoesRound() throws Exception {
    RedisServer server = server();
    ZenooCache<String, String> cache = cache(server, FAST);
    MixedLoad load = load(cache);
    awaitProgress(load, 2_000);

    server.kill();
    await().atMost(AWAIT).until(() -> "open".equals(stats(cache).get("circuit_state")));
    long fallbackBefore = (Long) stats(cache).get("fallback_hits");
    awaitProgress(load, 2_000);
    assertThat((Long) stats(cache).get("fallback_hits")).isGreaterThan(fallbackBefore);
    assertThat(stats(cache).get("connected")).isEqualTo(false);

    server.restart();
    awaitRecovered(cache);
    long redisOperations = (Long) stats(cache).get("total_operations");
    awaitProgress(load, 2_000);
    MixedLoad.Report report = load.stop();

    assertHealthy(report);
    Map<String, Object> stats = stats(cache);
    assertThat((Long) stats.get("total_operations")).as("Redis serves again").isGreaterThan(redisOperations);
    assertThat((Long) stats.get("connection_errors")).isPositive();
    assertCircuitWentRound(stats);
  }

  /**
   * The circuit is the server's: once one cache's failures open it, another cache on the same server is
   * served by its fallback at once, without first paying its own timeouts; both recover.
   */
  @Test
  @SuppressWarnings("unchecked")
  void oneCachesFailures_openTheServersCircuit_forEveryCacheOnIt() {
    RedisServer server = server();
    CacheManager manager = provider.getCacheManager(
        URI.create(server.uri() + "?" + FAST.replace("circuit_breaker_timeout=0.5", "circuit_breaker_timeout=3")),
        new ClassLoader(getClass().getClassLoader()) {});
    resources.add(manager::close);
    MutableConfiguration<String, String> config = new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    ZenooCache<String, String> a = manager.createCache("a", config).unwrap(ZenooCache.class);
    ZenooCache<String, String> b = manager.createCache("b", config).unwrap(ZenooCache.class);
    a.put("k", "before");
    b.put("k", "before");
    long bOperations = (Long) stats(b).get("total_operations");

    server.kill();
    await().atMost(AWAIT).until(() -> {
      a.get("probe");
      return "open".equals(stats(a).get("circuit_state"));
    });

    assertThat(stats(b).get("circuit_state")).isEqualTo("open");
    assertThat(b.get("k")).as("b's fallback holds nothing yet").isNull();
    b.put("k", "during");
    assertThat(b.get("k")).isEqualTo("during");
    assertThat((Long) stats(b).get("total_operations")).as("b sent nothing to the dead server").isEqualTo(bOperations);
    assertThat((Long) stats(b).get("connection_errors")).isZero();
    assertThat(stats(b).get("circuit_breaker_trips")).isEqualTo(stats(a).get("circuit_breaker_trips"));

    server.restart();
    awaitRecovered(a);
    awaitRecovered(b);
    assertThat(b.get("k")).as("b's outage write reconciled: invalidated").isNull();
    b.put("k", "after");
    assertThat(server.command("EXISTS", "zenoo:b:k")).as("b writes to Redis again").isEqualTo(1L);
  }

  @Test
  void sigstop_callsTimeOut_theFallbackServes_andRecoveryNeverServesTheValuesRedisKept() throws Exception {
    RedisServer server = server();
    ZenooCache<String, String> cache = cache(server, FAST);
    MixedLoad load = load(cache);
    awaitProgress(load, 3_000); // Redis now holds values that the outage's writes will supersede

    server.pause();
    await().atMost(AWAIT).until(() -> "open".equals(stats(cache).get("circuit_state")));
    awaitProgress(load, 2_000);
    assertThat((Long) stats(cache).get("fallback_hits")).isPositive();
    assertThat((Integer) stats(cache).get("pending_reconciliation")).isPositive();

    server.resume();
    awaitRecovered(cache);
    awaitProgress(load, 3_000);
    MixedLoad.Report report = load.stop();

    assertHealthy(report);
    assertCircuitWentRound(stats(cache));
    // a late timeout may have degraded it again; with no caller left, the health check reconciles it
    awaitRecovered(cache);
    assertThat(stats(cache).get("pending_reconciliation")).isEqualTo(0);
  }

  @Test
  void clientKill_reconnectsWithoutOpeningTheCircuit_andNoCallerSeesIt() throws Exception {
    RedisServer server = server();
    ZenooCache<String, String> cache =
        cache(server, FAST.replace("circuit_breaker_threshold=3", "circuit_breaker_threshold=8")
            .replace("retry_attempts=2", "retry_attempts=4"));
    MixedLoad load = load(cache);
    awaitProgress(load, 1_000);

    for (int i = 0; i < 3; i++) {
      awaitRecovered(cache); // reconnected (and any write a killed connection cut short reconciled)
      assertThat(server.killClients()).isPositive();
      awaitProgress(load, 1_000);
    }
    awaitRecovered(cache);
    awaitProgress(load, 1_000);
    MixedLoad.Report report = load.stop();

    assertHealthy(report);
    Map<String, Object> stats = stats(cache);
    assertThat(stats.get("circuit_breaker_trips")).isEqualTo(0L);
    assertThat(stats.get("circuit_state")).isEqualTo("closed");
    cache.put("after", "reconnected");
    assertThat(server.command("EXISTS", "zenoo:faults:after")).isEqualTo(1L);
  }

  @Test
  void serverGoneAtStartUp_withFallback_startsDegraded_andHealsByItselfWhenItAppears() {
    RedisServer server = server();
    server.stop();
    ZenooCache<String, String> cache = cache(server, FAST);

    cache.connect();

    assertThat(stats(cache).get("connected")).isEqualTo(false);
    assertThat(stats(cache).get("circuit_state")).isEqualTo("open");
    cache.put("k", "written while Redis was away");
    assertThat(cache.get("k")).isEqualTo("written while Redis was away");
    assertThat((Long) stats(cache).get("fallback_hits")).isPositive();

    server.restart();
    server.command("SET", "zenoo:faults:other", "not an envelope");
    awaitRecovered(cache);

    assertThat(stats(cache).get("last_health_check")).isEqualTo("ok");
    assertThat(cache.get("k")).as("reconciled: invalidated, so a miss").isNull();
    cache.put("k", "on Redis");
    assertThat(server.command("EXISTS", "zenoo:faults:k")).isEqualTo(1L);
  }

  /**
   * With {@code replay}, what the fallback acknowledged is written to Redis on recovery: values the fallback
   * held without their bytes (plain JSON strings, encoded only when they go to Redis) arrive as JSON.
   */
  @Test
  void serverGoneAtStartUp_withReplay_theFallbacksWritesReachRedis_encodedOnTheWay() {
    RedisServer server = server();
    server.stop();
    ZenooCache<String, String> cache = cache(server, FAST + "&fallback_reconcile=replay");
    cache.connect();
    cache.put("k", "written while Redis was away");
    cache.put("gone", "removed while Redis was away");
    cache.remove("gone");

    server.restart();
    awaitRecovered(cache);

    assertThat(cache.get("k")).as("read back from Redis").isEqualTo("written while Redis was away");
    assertThat(stats(cache).get("degraded")).isEqualTo(false);
    assertThat(server.command("EXISTS", "zenoo:faults:k")).isEqualTo(1L);
    assertThat(server.command("EXISTS", "zenoo:faults:gone")).isEqualTo(0L);
    assertThat((String) server.command("GET", "zenoo:faults:k"))
        .as("the envelope carries the JSON string").endsWith("\"written while Redis was away\"");
  }

  @Test
  void serverGoneAtStartUp_withFallback_getCacheOfAnUnknownNameAnswersNull_andCreateCacheServes() {
    RedisServer server = server();
    server.stop();
    CacheManager manager =
        provider.getCacheManager(
            URI.create(server.uri() + "?" + FAST), new ClassLoader(getClass().getClassLoader()) {});
    resources.add(manager::close);

    assertThat(manager.getCache("made-by-another-jvm", String.class, String.class)).isNull();
    javax.cache.Cache<String, String> created =
        manager.createCache("mine", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    created.put("k", "v");
    assertThat(created.get("k")).isEqualTo("v");
  }

  @Test
  void serverGoneAtStartUp_withoutFallback_getCacheAndConnectFailWithAClearError() {
    RedisServer server = server();
    server.stop();
    CacheManager strict =
        provider.getCacheManager(
            URI.create(server.uri() + "?" + FAST + "&enable_fallback=false"), new ClassLoader(getClass().getClassLoader()) {});
    resources.add(strict::close);
    assertThatThrownBy(() -> strict.getCache("made-by-another-jvm", String.class, String.class))
        .isInstanceOf(javax.cache.CacheException.class)
        .hasMessageContaining("127.0.0.1:" + server.port());
  }

  @Test
  void serverGoneAtStartUp_withoutFallback_failsConnectWithAClearError() {
    RedisServer server = server();
    server.stop();
    ZenooCache<String, String> cache = cache(server, FAST + "&enable_fallback=false");

    assertThatThrownBy(cache::connect)
        .isInstanceOf(CacheUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + server.port())
        .hasMessageContaining("unavailable");
  }

  @Test
  void withoutFallback_killAndSigstop_giveFastClearErrors_neverAHang_andTheOpenCircuitSendsNothing() throws Exception {
    RedisServer server = server();
    ZenooCache<String, String> cache =
        cache(server, FAST.replace("circuit_breaker_timeout=0.5", "circuit_breaker_timeout=60")
            + "&enable_fallback=false");
    cache.put("k", "v");

    server.pause();
    long start = System.nanoTime();
    assertThatThrownBy(() -> cache.get("k"))
        .isInstanceOf(CacheUnavailableException.class)
        .hasMessageContaining("unavailable");
    assertThat(System.nanoTime() - start).as("no hang").isLessThan(HANG_NANOS);
    server.resume();
    server.kill();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> cache.put("k", "v2")).isInstanceOf(CacheUnavailableException.class);
    }
    await().atMost(AWAIT).until(() -> "open".equals(stats(cache).get("circuit_state")));
    long sent = (Long) stats(cache).get("total_operations");

    for (int i = 0; i < 100; i++) {
      assertThatThrownBy(() -> cache.get("k"))
          .isInstanceOf(CacheUnavailableException.class)
          .hasMessageContaining("circuit is open");
    }

    assertThat(stats(cache).get("total_operations")).as("an open circuit sends nothing").isEqualTo(sent);
    assertThat(stats(cache).get("fallback_hits")).isEqualTo(0L);
  }
}
