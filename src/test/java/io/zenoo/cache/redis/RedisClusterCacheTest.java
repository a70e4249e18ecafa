package io.zenoo.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testkit.RedisCluster;
import io.zenoo.cache.testkit.RedisServer;
import io.zenoo.cache.transaction.CacheTransaction;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RedisCache on a real Redis Cluster (3 masters, 3 replicas, one for the class) through the seed-list URI
 * {@code redis://h1:p1,h2:p2,...}: keys spread over every master, bulk operations across slots, clear, size
 * and iteration over every master, a transaction committed per slot, the cache directory, compare-and-set
 * across two clients, the health check.
 */
class RedisClusterCacheTest {

  private static RedisCluster cluster;
  private final List<CacheManager> managers = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    cluster = RedisCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @AfterEach
  void closeManagers() {
    CacheTransaction.current().ifPresent(CacheTransaction::close);
    managers.forEach(CacheManager::close);
  }

  /** Returns a manager with a client of its own (another class loader, other parameters), as another JVM. */
  private CacheManager manager(String parameters) {
    URI uri = URI.create(cluster.uri() + (parameters.isEmpty() ? "" : "?" + parameters));
    CacheManager manager =
        Caching.getCachingProvider().getCacheManager(uri, new ClassLoader(getClass().getClassLoader()) {});
    managers.add(manager);
    return manager;
  }

  @SuppressWarnings("unchecked")
  private static ZenooCache<String, String> create(CacheManager manager, String name) {
    return manager
        .createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class))
        .unwrap(ZenooCache.class);
  }

  private static long keysOf(RedisServer master, String name) {
    Object keys = master.command("KEYS", "zenoo:" + name + ":*");
    return ((List<?>) keys).size();
  }

  @Test
  void entries_spreadOverEveryMaster_andBulkOperationsClearSizeAndIterationSeeThemAll() {
    String name = "spread-" + UUID.randomUUID();
    ZenooCache<String, String> cache = create(manager(""), name);
    ZenooCache<String, String> neighbour = create(manager(""), "neighbour-" + UUID.randomUUID());
    neighbour.put("k", "stays");
    Map<String, String> entries = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      entries.put("k" + i, "v" + i);
    }

    cache.putAll(entries);

    for (RedisServer master : cluster.masters()) {
      assertThat(keysOf(master, name)).as("keys on %s", master).isPositive();
    }
    assertThat(cache.getAll(entries.keySet())).isEqualTo(entries);
    assertThat(cache.get("k7")).isEqualTo("v7");
    assertThat(cache.stats().asMap().get("current_size")).isEqualTo(300L);
    Set<String> iterated = new HashSet<>();
    for (Cache.Entry<String, String> entry : cache) {
      assertThat(entry.getValue()).isEqualTo(entries.get(entry.getKey()));
      iterated.add(entry.getKey());
    }
    assertThat(iterated).isEqualTo(entries.keySet());

    cache.removeAll(Set.of("k1", "k2", "k3"));
    assertThat(cache.getAll(Set.of("k1", "k2", "k3", "k4"))).isEqualTo(Map.of("k4", "v4"));

    cache.clear();

    assertThat(cache.stats().asMap().get("current_size")).isEqualTo(0L);
    assertThat(cache.iterator().hasNext()).isFalse();
    for (RedisServer master : cluster.masters()) {
      assertThat(keysOf(master, name)).isZero();
    }
    assertThat(neighbour.get("k")).isEqualTo("stays");
  }

  @Test
  void transaction_acrossSlots_isCommittedPerSlot_andReadByOtherClients() {
    String name = "tx-" + UUID.randomUUID();
    ZenooCache<String, String> cache = create(manager(""), name);
    @SuppressWarnings("unchecked")
    ZenooCache<String, String> otherJvm =
        manager("socket_timeout=4").getCache(name, String.class, String.class).unwrap(ZenooCache.class);
    cache.put("removed", "r");
    Map<String, String> written = new HashMap<>();

    try (CacheTransaction tx = CacheTransaction.begin()) {
      for (int i = 0; i < 50; i++) {
        cache.put("k" + i, "v" + i);
        written.put("k" + i, "v" + i);
      }
      cache.remove("removed");
      assertThat(otherJvm.get("k1")).as("not before the commit").isNull();
      tx.commit();
    }

    Set<String> asked = new HashSet<>(written.keySet());
    asked.add("removed");
    assertThat(otherJvm.getAll(asked)).isEqualTo(written);
    long mastersWritten = cluster.masters().stream().filter(m -> keysOf(m, name) > 0).count();
    assertThat(mastersWritten).as("the batch spanned every master").isEqualTo(3);
  }

  @Test
  void directory_anotherManagerFindsTheCache_andDestroyForgetsIt() {
    String name = "found-" + UUID.randomUUID();
    ZenooCache<String, String> cache = create(manager(""), name);
    cache.put("k", "v");

    CacheManager other = manager("socket_timeout=4");
    Cache<String, String> found = other.getCache(name, String.class, String.class);

    assertThat(found).isNotNull();
    assertThat(found.get("k")).isEqualTo("v");
    other.destroyCache(name);
    assertThat(manager("socket_timeout=3").getCache(name, String.class, String.class)).isNull();
  }

  @Test
  void invoke_fromTwoClients_losesNoIncrement() throws Exception {
    String name = "counter-" + UUID.randomUUID();
    ZenooCache<String, String> one = create(manager(""), name);
    Cache<String, String> two = manager("socket_timeout=4").getCache(name, String.class, String.class);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Cache<String, String> cache : List.of(one, two)) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            cache.invoke("n", (entry, args) -> {
              entry.setValue(Integer.toString(entry.exists() ? Integer.parseInt(entry.getValue()) + 1 : 1));
              return null;
            });
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(one.get("n")).isEqualTo("400");
  }

  @Test
  void stats_connectedClosedCircuit_andTheHealthCheckPingsEveryMaster() {
    ZenooCache<String, String> cache = create(manager("health_check_interval=0.1"), "health-" + UUID.randomUUID());
    for (RedisServer master : cluster.masters()) {
      master.command("CONFIG", "RESETSTAT");
    }

    cache.connect(); // starts the periodic health check

    org.awaitility.Awaitility.await().untilAsserted(() -> {
      Map<String, Object> stats = cache.stats().asMap();
      assertThat(stats).containsEntry("backend", "redis").containsEntry("deployment", "cluster")
          .containsEntry("connected", true)
          .containsEntry("circuit_state", "closed");
      assertThat(String.valueOf(stats.get("last_health_check"))).isEqualTo("ok");
    });
    for (RedisServer master : cluster.masters()) {
      assertThat(String.valueOf(master.command("INFO", "commandstats"))).contains("cmdstat_ping");
    }
  }
}
