package io.zenoo.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** RedisCache against a real redis-server started by the test kit. */
@ExtendWith(RedisExtension.class)
class RedisCacheTest {

  private final CachingProvider provider = Caching.getCachingProvider();
  private final List<CacheManager> managers = new ArrayList<>();
  private RedisServer server;

  @BeforeEach
  void setUp(RedisServer server) {
    this.server = server;
  }

  @AfterEach
  void tearDown() {
    managers.forEach(CacheManager::close);
  }

  /** Returns a manager of its own (a separate client) on the server, with the given URI parameters. */
  private CacheManager manager(String parameters) {
    URI uri = URI.create(server.uri() + (parameters.isEmpty() ? "" : "?" + parameters));
    CacheManager manager = provider.getCacheManager(uri, new ClassLoader(getClass().getClassLoader()) {});
    managers.add(manager);
    return manager;
  }

  @SuppressWarnings("unchecked")
  private <K, V> ZenooCache<K, V> cache(CacheManager manager, String name, Class<K> k, Class<V> v) {
    Cache<K, V> existing = manager.getCache(name, k, v);
    Cache<K, V> cache = existing != null ? existing
        : manager.createCache(name, new MutableConfiguration<K, V>().setTypes(k, v));
    return cache.unwrap(ZenooCache.class);
  }

  @Test
  void putGetRemove_roundTripThroughRedis_withReadableKeys() {
    ZenooCache<String, String> cache = cache(manager("namespace=app"), "users", String.class, String.class);
    assertThat(cache).isInstanceOf(RedisCache.class);
    cache.put("alice", "Alice");
    assertThat(cache.get("alice")).isEqualTo("Alice");
    assertThat(cache.containsKey("alice")).isTrue();
    assertThat(server.command("EXISTS", "app:users:alice")).isEqualTo(1L);
    assertThat(cache.getAll(Set.of("alice", "bob"))).isEqualTo(Map.of("alice", "Alice"));
    assertThat(cache.remove("alice")).isTrue();
    assertThat(cache.get("alice")).isNull();
    assertThat(server.command("EXISTS", "app:users:alice")).isEqualTo(0L);
  }

  @Test
  void perEntryTtl_becomesANativeRedisTtl_andTheEntryExpires() {
    ZenooCache<String, String> cache = cache(manager(""), "ttl", String.class, String.class);
    cache.put("token", "t", Duration.ofMillis(300));
    Object pttl = server.command("PTTL", "zenoo:ttl:token");
    assertThat((Long) pttl).isPositive();
    await().atMost(Duration.ofSeconds(5)).until(() -> cache.get("token") == null);
    assertThat(cache.stats().get("expired_items")).isEqualTo(1L);
  }

  @Test
  void secondManager_seesTheValuesOfTheFirst() {
    ZenooCache<Long, String> first = cache(manager(""), "shared", Long.class, String.class);
    ZenooCache<Long, String> second = cache(manager(""), "shared", Long.class, String.class);
    first.put(42L, "answer");
    assertThat(second.get(42L)).isEqualTo("answer");
    assertThat(server.command("EXISTS", "zenoo:shared:42")).isEqualTo(1L);
  }

  @Test
  void clear_touchesOnlyThisCachesKeys() {
    CacheManager manager = manager("");
    ZenooCache<String, String> a = cache(manager, "a", String.class, String.class);
    ZenooCache<String, String> b = cache(manager, "b", String.class, String.class);
    ZenooCache<String, String> other = cache(manager("namespace=other"), "a", String.class, String.class);
    for (int i = 0; i < 1200; i++) {
      a.put("k" + i, "v");
    }
    b.put("k", "v");
    other.put("k", "v");
    server.command("SET", "unrelated", "x");
    assertThat(a.stats().currentSize()).isEqualTo(1200);

    a.clear();

    assertThat(a.stats().currentSize()).isZero();
    assertThat(b.get("k")).isEqualTo("v");
    assertThat(other.get("k")).isEqualTo("v");
    assertThat(server.command("GET", "unrelated")).isEqualTo("x");
  }

  @Test
  void iterator_walksEveryEntry() {
    ZenooCache<Integer, String> cache = cache(manager(""), "iter", Integer.class, String.class);
    for (int i = 0; i < 1234; i++) {
      cache.put(i, "v" + i);
    }
    int count = 0;
    for (Cache.Entry<Integer, String> e : cache) {
      assertThat(e.getValue()).isEqualTo("v" + e.getKey());
      count++;
    }
    assertThat(count).isEqualTo(1234);
  }

  @Test
  void invokeIncrementsFromTwoManagers_loseNoUpdate() throws Exception {
    String name = "counter-" + UUID.randomUUID();
    ZenooCache<String, Long> first = cache(manager(""), name, String.class, Long.class);
    ZenooCache<String, Long> second = cache(manager(""), name, String.class, Long.class);
    int perManager = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (ZenooCache<String, Long> cache : List.of(first, second)) {
        for (int t = 0; t < 2; t++) {
          futures.add(pool.submit(() -> {
            for (int i = 0; i < perManager / 2; i++) {
              cache.invoke("n", (entry, args) -> {
                Long v = entry.getValue();
                entry.setValue(v == null ? 1L : v + 1);
                return null;
              });
            }
          }));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(first.get("n")).isEqualTo(2L * perManager);
  }

  @Test
  void replaceLoopsFromTwoManagers_loseNoUpdate() throws Exception {
    String name = "replace-" + UUID.randomUUID();
    ZenooCache<String, Long> first = cache(manager(""), name, String.class, Long.class);
    ZenooCache<String, Long> second = cache(manager(""), name, String.class, Long.class);
    first.put("n", 0L);
    int perManager = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (ZenooCache<String, Long> cache : List.of(first, second)) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perManager; i++) {
            while (true) {
              Long v = cache.get("n");
              if (cache.replace("n", v, v + 1)) {
                break;
              }
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(second.get("n")).isEqualTo(2L * perManager);
  }

  @Test
  void garbageUnderOurKey_isAMissAndAnErrorStatistic_andTheNextWriteRepairsIt() {
    ZenooCache<String, String> cache = cache(manager(""), "garbage", String.class, String.class);
    server.command("SET", "zenoo:garbage:raw", "written by someone else");
    // a zenoo header (magic, format, version, far-future expiry) around a payload that is not JSON
    server.command("SET", "zenoo:garbage:payload", "Z\u0001ABCDEFGH\u007f\u007f\u007f\u007f\u007f\u007f\u007f\u007f{not json");

    assertThat(cache.get("raw")).isNull();
    assertThat(cache.get("payload")).isNull();
    assertThat(cache.getAll(Set.of("raw", "payload"))).isEmpty();
    assertThat(cache.stats().get("decode_errors")).as("two gets and a getAll of both").isEqualTo(4L);

    cache.put("raw", "repaired");
    assertThat(cache.getAndPut("payload", "repaired too")).isNull();
    assertThat(cache.get("raw")).isEqualTo("repaired");
    assertThat(cache.get("payload")).isEqualTo("repaired too");
  }

  @Test
  void asyncForms_holdNoThreadWhileRedisIsPaused_andCompleteWhenItAnswers() throws Exception {
    ZenooCache<String, String> cache = cache(manager(""), "async", String.class, String.class);
    List<java.util.concurrent.CompletableFuture<Void>> puts = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      puts.add(cache.putAsync("k" + i, "v" + i).toCompletableFuture());
    }
    for (var put : puts) {
      put.get();
    }
    assertThat(cache.get("k7")).isEqualTo("v7");

    server.pause();
    List<java.util.concurrent.CompletableFuture<String>> gets = new ArrayList<>();
    try {
      // one thread issues every call while the server cannot answer: none of them may wait for it
      for (int i = 0; i < 64; i++) {
        gets.add(cache.getAsync("k" + i).toCompletableFuture());
      }
      var removal = cache.removeAsync("k0").toCompletableFuture();
      var containment = cache.containsKeyAsync("k1").toCompletableFuture();
      assertThat(gets).noneMatch(java.util.concurrent.CompletableFuture::isDone);
      assertThat(removal.isDone()).isFalse();
      assertThat(containment.isDone()).isFalse();
      server.resume();
      for (int i = 1; i < 64; i++) {
        assertThat(gets.get(i).get()).isEqualTo("v" + i);
      }
      assertThat(removal.get()).isTrue();
      assertThat(containment.get()).isTrue();
    } finally {
      if (server.isPaused()) {
        server.resume();
      }
    }
    assertThat(cache.get("k0")).isNull();
  }

  @Test
  void asyncPut_withAListener_stillPublishesAndCompletesAfterIt() throws Exception {
    ZenooCache<String, String> cache = cache(manager(""), "async-listened", String.class, String.class);
    io.zenoo.cache.testing.RecordingListener<String, String> listener = new io.zenoo.cache.testing.RecordingListener<>();
    cache.registerCacheEntryListener(new javax.cache.configuration.MutableCacheEntryListenerConfiguration<>(
        javax.cache.configuration.FactoryBuilder.factoryOf(listener), null, true, true));
    cache.putAsync("a", "1").toCompletableFuture().get();
    cache.putAsync("a", "2").toCompletableFuture().get();
    assertThat(listener.drain()).containsExactly("CREATED a -->1", "UPDATED a 1->2");
  }

  @Test
  void secondManager_discoversACacheItDidNotCreate_withItsTypesAndExpiry_untilItIsDestroyed() {
    CacheManager creator = manager("namespace=disc");
    creator.createCache("users", new MutableConfiguration<String, Long>().setTypes(String.class, Long.class)
        .setExpiryPolicyFactory(javax.cache.expiry.CreatedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_HOUR))
        .setStatisticsEnabled(true));
    creator.getCache("users", String.class, Long.class).put("alice", 42L);

    CacheManager other = manager("namespace=disc");
    Cache<String, Long> discovered = other.getCache("users", String.class, Long.class);
    assertThat(discovered).isNotNull();
    assertThat(discovered.get("alice")).isEqualTo(42L);
    @SuppressWarnings("unchecked")
    javax.cache.configuration.CompleteConfiguration<String, Long> configuration =
        discovered.getConfiguration(javax.cache.configuration.CompleteConfiguration.class);
    assertThat(configuration.isStatisticsEnabled()).isTrue();
    assertThat(configuration.getExpiryPolicyFactory().create().getExpiryForCreation())
        .isEqualTo(javax.cache.expiry.Duration.ONE_HOUR);
    assertThat(other.getCache("nobody-created-this")).isNull();
    assertThat(manager("namespace=elsewhere").getCache("users")).as("another namespace").isNull();

    creator.destroyCache("users");
    assertThat(manager("namespace=disc").getCache("users")).isNull();
    assertThat(server.command("EXISTS", "disc:users:alice")).isEqualTo(0L);
  }

  @Test
  void plainPut_withoutListenerOrWriter_isOneSetCommand_andStillCountsAndExpires() {
    ZenooCache<String, String> cache = cache(manager(""), "oneTrip", String.class, String.class);
    cache.put("warm", "up"); // connection and script cache warmed: count only what follows
    server.command("CONFIG", "RESETSTAT");
    for (int i = 0; i < 10; i++) {
      cache.put("k" + i, "v");
    }
    cache.put("t", "v", Duration.ofSeconds(30));
    String stats = String.valueOf(server.command("INFO", "commandstats"));
    assertThat(stats).contains("cmdstat_set:calls=11");
    assertThat(stats).doesNotContain("cmdstat_evalsha").doesNotContain("cmdstat_get:");
    assertThat((Long) server.command("PTTL", "zenoo:oneTrip:t")).isPositive();
    assertThat(cache.get("k3")).isEqualTo("v");
  }

  @Test
  void getAllAndPutAll_areBatchedRoundTrips_notOnePerKey() {
    ZenooCache<String, String> cache = cache(manager(""), "batch", String.class, String.class);
    Map<String, String> entries = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      entries.put("k" + i, "v" + i);
    }
    cache.put("warm", "up");
    server.command("CONFIG", "RESETSTAT");

    cache.putAll(entries);
    Map<String, String> read = cache.getAll(entries.keySet());

    assertThat(read).isEqualTo(entries);
    String stats = String.valueOf(server.command("INFO", "commandstats"));
    assertThat(stats).contains("cmdstat_set:calls=100").contains("cmdstat_mget:calls=1");
    assertThat(stats).doesNotContain("cmdstat_get:").doesNotContain("cmdstat_evalsha");
  }

  @Test
  void gadgetPlantedUnderOurKey_isRefusedBeforeItRuns_andIsAMiss() throws Exception {
    io.zenoo.cache.serialization.gadgets.GadgetFlags.reset();
    @SuppressWarnings("unchecked")
    ZenooCache<String, Object> cache = manager("serializer=java")
        .createCache("planted", new MutableConfiguration<String, Object>().setTypes(String.class, Object.class))
        .unwrap(ZenooCache.class);
    // an attacker with write access to Redis plants a well-formed entry holding a serialized gadget
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(new io.zenoo.cache.serialization.gadgets.SerializableGadget("rm -rf /"));
    }
    byte[] envelope = new Envelope(42L, Envelope.NEVER, bytes.toByteArray()).encode();
    io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(server.uri().toString());
    try (var connection = client.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
      connection.sync().set("zenoo:planted:k".getBytes(java.nio.charset.StandardCharsets.UTF_8), envelope);
    } finally {
      client.shutdown();
    }

    assertThat(cache.get("k")).isNull();
    assertThat(io.zenoo.cache.serialization.gadgets.GadgetFlags.anyRan()).as("gadget code ran").isFalse();
    assertThat(cache.stats().get("decode_errors")).isEqualTo(1L);
  }
}
