package io.zenoo.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testkit.RedisCluster;
import io.zenoo.cache.testkit.RedisSentinel;
import io.zenoo.cache.testkit.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failover under load, on real deployments: a Redis Cluster master and a Sentinel-monitored master are
 * SIGKILLed while a concurrent mixed load runs (see {@link MixedLoad}), with the fallback on and the short
 * timeouts of {@link RedisFaultTest}. Expected: no caller sees an exception, no read returns anything but
 * the last value its thread wrote (or a miss), no call hangs, and once a replica is promoted the cache heals
 * by itself (circuit closed, nothing left to reconcile) and Redis serves again, the promoted replica
 * included.
 */
class RedisFailoverTest {

  private static final String FAST =
      "socket_timeout=0.5&socket_connect_timeout=0.5&retry_attempts=2&retry_backoff_base=0.02"
          + "&retry_backoff_max=0.2&circuit_breaker_threshold=3&circuit_breaker_timeout=0.5"
          + "&health_check_interval=0.2";
  private static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(20);
  private static final Duration AWAIT = Duration.ofSeconds(60);

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @SuppressWarnings("unchecked")
  private ZenooCache<String, String> cache(URI deployment) {
    CacheManager manager =
        Caching.getCachingProvider()
            .getCacheManager(
                withParameters(deployment),
                new ClassLoader(getClass().getClassLoader()) {});
    resources.add(manager::close);
    return manager
        .createCache("failover", new MutableConfiguration<String, String>().setTypes(String.class, String.class))
        .unwrap(ZenooCache.class);
  }

  /** Returns the URI with {@link #FAST} as its query, before the fragment (Sentinel's master name). */
  private static URI withParameters(URI deployment) {
    String text = deployment.toString();
    int hash = text.indexOf('#');
    return hash < 0
        ? URI.create(text + "?" + FAST)
        : URI.create(text.substring(0, hash) + "?" + FAST + text.substring(hash));
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

  private static void awaitHealed(ZenooCache<String, String> cache) {
    await().atMost(AWAIT).until(() -> {
      Map<String, Object> s = cache.stats().asMap();
      return "closed".equals(s.get("circuit_state")) && Boolean.FALSE.equals(s.get("degraded"))
          && Boolean.TRUE.equals(s.get("connected")) && Integer.valueOf(0).equals(s.get("pending_reconciliation"));
    });
  }

  private static void assertHealthy(MixedLoad.Report report) {
    assertThat(report.errors()).as("errors seen by callers").isEmpty();
    assertThat(report.staleReads()).as("reads older than their thread's last write").isEmpty();
    assertThat(report.longestCallNanos()).as("no call hangs").isLessThan(HANG_NANOS);
    assertThat(report.operations()).isPositive();
  }

  @Test
  void clusterMasterKilledUnderLoad_noCallerSeesIt_noStaleRead_andTheCacheHealsAfterThePromotion()
      throws Exception {
    RedisCluster cluster = RedisCluster.start();
    resources.add(cluster);
    ZenooCache<String, String> cache = cache(cluster.uri());
    MixedLoad load = load(cache);
    awaitProgress(load, 3_000);
    RedisServer victim = cluster.masterFor("t0-k0");

    RedisServer promoted = cluster.killMaster(victim);
    awaitProgress(load, 1_000);
    awaitHealed(cache);
    long redisOperations = (Long) cache.stats().asMap().get("total_operations");
    awaitProgress(load, 3_000);
    MixedLoad.Report report = load.stop();

    assertHealthy(report);
    assertThat((Long) cache.stats().asMap().get("connection_errors")).as("the load did meet the failure").isPositive();
    awaitHealed(cache);
    assertThat((Long) cache.stats().asMap().get("total_operations")).as("Redis serves again")
        .isGreaterThan(redisOperations);
    cache.put("t0-k0", "after the failover");
    assertThat(promoted.command("GET", "zenoo:failover:t0-k0")).asString().contains("after the failover");
  }

  @Test
  void sentinelMasterKilledUnderLoad_noCallerSeesIt_noStaleRead_andTheCacheFollowsThePromotedReplica()
      throws Exception {
    RedisSentinel sentinel = RedisSentinel.start();
    resources.add(sentinel);
    ZenooCache<String, String> cache = cache(sentinel.uri());
    cache.put("before", "v");
    assertThat(cache.stats().asMap()).containsEntry("deployment", "sentinel");
    assertThat(sentinel.master().command("EXISTS", "zenoo:failover:before")).isEqualTo(1L);
    MixedLoad load = load(cache);
    awaitProgress(load, 3_000);

    RedisServer promoted = sentinel.killMaster();
    awaitProgress(load, 1_000);
    awaitHealed(cache);
    long redisOperations = (Long) cache.stats().asMap().get("total_operations");
    awaitProgress(load, 3_000);
    MixedLoad.Report report = load.stop();

    assertHealthy(report);
    assertThat((Long) cache.stats().asMap().get("connection_errors")).as("the load did meet the failure").isPositive();
    awaitHealed(cache);
    assertThat((Long) cache.stats().asMap().get("total_operations")).as("Redis serves again")
        .isGreaterThan(redisOperations);
    cache.put("after", "v");
    assertThat(promoted.command("EXISTS", "zenoo:failover:after")).isEqualTo(1L);
  }
}
