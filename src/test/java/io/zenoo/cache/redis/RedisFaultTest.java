package io.zenoo.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zenoo.cache.CacheUnavailableException;
import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testkit.PartitionProxy;
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

  /** Returns the "faults" cache of a manager of its own (its own client, as another JVM has) at the URI. */
  @SuppressWarnings("unchecked")
  private ZenooCache<String, String> cacheAt(URI uri, String parameters) {
    CacheManager manager =
        provider.getCacheManager(URI.create(uri + "?" + parameters), new ClassLoader(getClass().getClassLoader()) {});
    resources.add(manager::close);
    javax.cache.Cache<String, String> existing = manager.getCache("faults", String.class, String.class);
    MutableConfiguration<String, String> config =
        new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    return (existing != null ? existing : manager.createCache("faults", config)).unwrap(ZenooCache.class);
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
    awaitRecovered(cache, AWAIT);
  }

  private static void awaitRecovered(ZenooCache<String, String> cache, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
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

  /**
   * A network partition (the link blackholed through {@link PartitionProxy}: no reset, no close, bytes held)
   * mid-load: the half-open connection is found by timeouts, so no call hangs; the fallback serves; after the
   * heal, the commands held in the link reach Redis late, and still no thread reads anything but its own
   * last write, and the cache is back on Redis.
   */
  @Test
  void partitionMidLoad_thenHeal_noCallHangs_noStaleRead_evenWithTheHeldCommandsArrivingLate() throws Exception {
    RedisServer server = server();
    PartitionProxy proxy = PartitionProxy.to(server);
    resources.add(proxy);
    CacheManager manager = provider.getCacheManager(
        URI.create(proxy.uri() + "?" + FAST), new ClassLoader(getClass().getClassLoader()) {});
    resources.add(manager::close);
    @SuppressWarnings("unchecked")
    ZenooCache<String, String> cache = manager
        .createCache("faults", new MutableConfiguration<String, String>().setTypes(String.class, String.class))
        .unwrap(ZenooCache.class);
    MixedLoad load = load(cache);
    awaitProgress(load, 2_000);

    proxy.blackhole();
    await().atMost(AWAIT).until(() -> "open".equals(stats(cache).get("circuit_state")));
    awaitProgress(load, 2_000);
    assertThat((Long) stats(cache).get("fallback_hits")).isPositive();

    proxy.heal();
    awaitRecovered(cache);
    awaitProgress(load, 2_000);
    MixedLoad.Report report = load.stop();

    assertHealthy(report);
    awaitRecovered(cache);
    cache.put("after", "healed");
    assertThat(server.command("EXISTS", "zenoo:faults:after")).isEqualTo(1L);
  }

  /**
   * Two JVMs (two managers, two clients), a partition that cuts off only A, in the default invalidate mode:
   * A's write during the partition is acknowledged by its fallback and its SET (retried, timed out) is held
   * in the link; B writes a newer value directly. After the heal the held SETs reach Redis late, and A's
   * reconciliation deletes the key after them (same connection, so in order): once A is reconciled every
   * reader misses, and A's older value does not stay in Redis over B's newer one. Invalidation may delete
   * B's newer value: a miss, never a lasting stale value. (Between the late SETs and A's reconciliation, a
   * few milliseconds apart, B could read A's older value: closing that window needs the versioned replay.)
   */
  @Test
  void partitionCuttingOffOneJvm_invalidate_nobodyReadsItsOlderWrite_afterTheHeal() throws Exception {
    RedisServer server = server();
    PartitionProxy proxy = PartitionProxy.to(server);
    resources.add(proxy);
    ZenooCache<String, String> a = cacheAt(proxy.uri(), FAST);
    ZenooCache<String, String> b = cacheAt(server.uri(), FAST);
    a.put("k", "a0");
    assertThat(b.get("k")).isEqualTo("a0");

    proxy.blackhole();
    a.put("k", "a1"); // times out on Redis, acknowledged by the fallback
    assertThat(a.get("k")).isEqualTo("a1");
    assertThat(stats(a).get("degraded")).isEqualTo(true);
    b.put("k", "b1");

    proxy.heal();
    awaitRecovered(a);

    assertThat(server.command("GET", "zenoo:faults:k")).as("deleted after the late SETs").isNull();
    assertThat(a.get("k")).isNull();
    assertThat(b.get("k")).isNull();
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

  /**
   * With the fallback on, the whole-cache operations go through the resilience layer like the others: during
   * an outage {@code iterator()} walks the fallback (what this JVM wrote meanwhile), {@code removeAll()} and
   * {@code clear()} empty it and are reconciled on recovery (the whole cache is cleared in Redis); none of
   * them throws, before or after the circuit opened.
   */
  @Test
  void outage_iteratorRemoveAllAndClear_areServedByTheFallback_neverThrow_andAreReconciled() {
    RedisServer server = server();
    ZenooCache<String, String> cache = cache(server, FAST);
    cache.put("before", "on Redis");

    server.kill();
    List<String> walked = new ArrayList<>();
    cache.iterator().forEachRemaining(e -> walked.add(e.getKey())); // the first call to find Redis gone
    assertThat(walked).isEmpty();
    await().atMost(AWAIT).until(() -> {
      cache.get("probe");
      return "open".equals(stats(cache).get("circuit_state"));
    });
    cache.put("during", "in the fallback");
    walked.clear();
    cache.iterator().forEachRemaining(e -> walked.add(e.getKey() + "=" + e.getValue()));
    assertThat(walked).containsExactly("during=in the fallback");
    cache.removeAll();
    assertThat(cache.get("during")).isNull();
    cache.put("again", "in the fallback");
    cache.clear();
    assertThat(cache.iterator().hasNext()).isFalse();
    assertThat(stats(cache).get("degraded")).isEqualTo(true);

    server.restart();
    server.command("SET", "zenoo:faults:before", "left over");
    await().atMost(AWAIT).until(() -> {
      cache.get("probe");
      return Boolean.FALSE.equals(stats(cache).get("degraded")) && "closed".equals(stats(cache).get("circuit_state"));
    });
    assertThat(server.scanKeys("zenoo:faults:*")).as("the outage's clear reached Redis").isEmpty();
  }

  /**
   * Reconciliation that fails for a reason waiting does not cure (here the cache's Redis user lost the right
   * to UNLINK, as after an ACL change) is not silent: the statistics, the backend MXBean and the log say why;
   * the fallback keeps serving what this JVM wrote (never the value Redis kept); and once the cause is
   * fixed, recovery, retried in the background, heals the cache with no caller involved.
   */
  @Test
  void reconciliationRefusedByTheServer_saysWhy_keepsServingTheFallback_andHealsOnceFixed() throws Exception {
    RedisServer server = server();
    ZenooCache<String, String> cache = cache(server, FAST);
    cache.put("k", "before");
    server.command("ACL", "SETUSER", "default", "-unlink");

    server.pause();
    await().atMost(AWAIT).until(() -> {
      cache.put("k", "during");
      return Boolean.TRUE.equals(stats(cache).get("degraded"));
    });
    server.resume();
    await().atMost(AWAIT).until(() -> {
      cache.get("probe");
      return String.valueOf(stats(cache).get("degraded_reason")).contains("NOPERM");
    });

    Map<String, Object> stats = stats(cache);
    assertThat(stats.get("degraded")).isEqualTo(true);
    assertThat(stats.get("degraded_cause")).isEqualTo("failing");
    assertThat((String) stats.get("degraded_reason"))
        .contains("127.0.0.1:" + server.port()).contains("cannot be reconciled");
    assertThat(stats.get("circuit_state")).as("the server answers: not an outage").isEqualTo("closed");
    assertThat(cache.get("k")).as("the fallback serves this JVM's write, not Redis's older value")
        .isEqualTo("during");
    cache.getCacheManager().enableStatistics(cache.getName(), true); // registers the backend bean too
    javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
    java.util.Set<javax.management.ObjectName> beans = jmx.queryNames(
        new javax.management.ObjectName("io.zenoo.cache:type=CacheBackendStatistics,Cache=faults,*"), null);
    assertThat(beans).hasSize(1);
    assertThat((String) jmx.getAttribute(beans.iterator().next(), "DegradedReason")).contains("NOPERM");

    server.command("ACL", "SETUSER", "default", "+unlink");

    await().atMost(AWAIT).until(() -> Boolean.FALSE.equals(stats(cache).get("degraded")));
    assertThat(stats(cache).get("degraded_reason")).isEqualTo("");
    assertThat(stats(cache).get("degraded_cause")).isEqualTo("none");
    assertThat(cache.get("k")).as("invalidated in Redis").isNull();
  }

  /** SPEC 7: back on Redis within this long of a restarted server accepting connections, default settings. */
  private static final Duration HEAL_DEADLINE = Duration.ofSeconds(5);

  /**
   * Under load with the default settings (circuit_breaker_timeout 60 s), a cache that the outage put on its
   * fallback is back on Redis (circuit closed, connected, reconciled) within {@link #HEAL_DEADLINE} of the
   * server accepting connections again (asserted with the 2x margin), not after the breaker's full wait:
   * the client's reconnection is the signal to probe at once.
   */
  @Test
  void underLoad_defaultSettings_backOnRedisWithinFiveSecondsOfTheRestart() throws Exception {
    RedisServer server = server();
    ZenooCache<String, String> cache = cache(server, "");
    MixedLoad load = load(cache);
    awaitProgress(load, 1_000);

    server.kill();
    await().atMost(AWAIT).until(() -> "open".equals(stats(cache).get("circuit_state")));
    // down long enough for the reconnection back-off to grow past the deadline
    await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
        .until(() -> Boolean.FALSE.equals(stats(cache).get("connected")));
    awaitProgress(load, 1_000);

    Duration heal = timeToHeal(server, cache);
    awaitProgress(load, 1_000);
    MixedLoad.Report report = load.stop();

    assertHealthy(report);
    assertThat(heal).as("heal time under load").isLessThanOrEqualTo(HEAL_DEADLINE.multipliedBy(2));
  }

  /** Idle (no caller at all), default settings: the same deadline, without anyone's call to notice. */
  @Test
  void idle_defaultSettings_backOnRedisWithinFiveSecondsOfTheRestart() {
    RedisServer server = server();
    ZenooCache<String, String> cache = cache(server, "");
    cache.put("k", "v");

    server.kill();
    await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(40))
        .until(() -> Boolean.FALSE.equals(stats(cache).get("connected")));

    Duration heal = timeToHeal(server, cache);

    assertThat(heal).as("heal time when idle").isLessThanOrEqualTo(HEAL_DEADLINE.multipliedBy(2));
    cache.put("after", "v");
    assertThat(server.command("EXISTS", "zenoo:faults:after")).isEqualTo(1L);
  }

  /** Restarts the server and returns how long the cache took to be back on it (waits up to 90 s). */
  private static Duration timeToHeal(RedisServer server, ZenooCache<String, String> cache) {
    server.restart(); // returns once the server answers PING: it accepts connections
    long start = System.nanoTime();
    awaitRecovered(cache, Duration.ofSeconds(90));
    Duration heal = Duration.ofNanos(System.nanoTime() - start);
    System.err.println("heal time: " + heal.toMillis() + " ms"); // recorded in the test report
    return heal;
  }

  @Test
  void serverGoneAtStartUp_withFallback_startsDegraded_andHealsByItselfWhenItAppears() {
    RedisServer server = server();
    server.stop();
    ZenooCache<String, String> cache = cache(server, FAST);

    cache.connect();

    assertThat(stats(cache).get("connected")).isEqualTo(false);
    // open, or already half open: the health check probes every 0.2 s once the 0.5 s wait is over
    assertThat(stats(cache).get("circuit_state")).isIn("open", "half_open");
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

  /**
   * A server that was up and then killed is as unreachable as one that never was: {@code connect()} must not
   * take the client's stale connection object for a live one.
   */
  @Test
  void serverKilledAfterUse_withoutFallback_connectFailsWithAClearError_asForOneNeverUp() {
    RedisServer server = server();
    ZenooCache<String, String> cache = cache(server, FAST + "&enable_fallback=false");
    cache.connect();
    cache.put("k", "v");

    server.kill();

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
