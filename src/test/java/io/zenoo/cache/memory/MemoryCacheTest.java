package io.zenoo.cache.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import io.zenoo.cache.testing.FakeClock;
import io.zenoo.cache.testing.RecordingListener;
import io.zenoo.cache.testing.TestCaches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryCacheTest {

  private final FakeClock clock = new FakeClock();
  private final TestCaches caches = new TestCaches();

  @AfterEach
  void tearDown() {
    caches.close();
  }

  @Test
  void defaultTtl_expiresEntriesAfterIt_perEntryTtlOverridesIt_nullNeverExpires() {
    ZenooCache<String, String> cache = caches.create(
        TestCaches.memory(String.class, String.class, clock).defaultTtl(Duration.ofSeconds(600)).build());
    cache.put("config", "c");
    cache.put("temp_token", "t", Duration.ofSeconds(60));
    cache.put("permanent", "p", null);

    clock.advance(Duration.ofSeconds(61));
    assertThat(cache.get("temp_token")).isNull();
    assertThat(cache.get("config")).isEqualTo("c");

    clock.advance(Duration.ofSeconds(600));
    assertThat(cache.get("config")).isNull();
    assertThat(cache.containsKey("config")).isFalse();
    assertThat(cache.get("permanent")).isEqualTo("p");
    assertThat(cache.stats().get("expired_items")).isEqualTo(2L);
  }

  @Test
  void expiredEntry_isNeverReturnedEvenBeforeTheSweep() {
    ZenooCache<String, String> cache = caches.create(
        TestCaches.memory(String.class, String.class, clock).cleanupInterval(Duration.ofHours(1)).build());
    cache.put("k", "v", Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get("k")).isNull();
    assertThat(cache.getAll(java.util.Set.of("k"))).isEmpty();
    assertThat(cache.iterator().hasNext()).isFalse();
    Boolean exists = cache.invoke("k", (e, a) -> e.exists());
    assertThat(exists).isFalse();
  }

  @Test
  void backgroundSweep_removesExpiredEntriesAndPublishesExpiredEvents() {
    RecordingListener<String, String> listener = new RecordingListener<>();
    ZenooCache<String, String> cache = caches.create(
        TestCaches.memory(String.class, String.class, clock)
            .cleanupInterval(Duration.ofMillis(20))
            .addListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(listener), null, true, true))
            .build());
    cache.put("short", "1", Duration.ofSeconds(1));
    cache.put("long", "2", Duration.ofSeconds(100));
    listener.drain();

    clock.advance(Duration.ofSeconds(2));

    await().atMost(Duration.ofSeconds(5)).until(() -> cache.stats().currentSize() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> listener.drain().contains("EXPIRED short 1->1"));
    assertThat(cache.stats().get("expired_items")).isEqualTo(1L);
  }

  @Test
  void lruBound_evictsTheLeastRecentlyUsedKey() {
    ZenooCache<Integer, String> cache =
        caches.create(MemoryCacheConfiguration.builder(Integer.class, String.class).maxSize(10).build());
    for (int i = 0; i < 10; i++) {
      cache.put(i, "v" + i);
    }
    for (int i = 1; i < 10; i++) {
      cache.get(i); // every key but 0 is used again
    }
    cache.put(10, "v10");
    assertThat(cache.containsKey(0)).isFalse();
    for (int i = 1; i <= 10; i++) {
      assertThat(cache.containsKey(i)).as("key " + i).isTrue();
    }
    assertThat(cache.stats().get("evictions")).isEqualTo(1L);
    assertThat(cache.stats().currentSize()).isEqualTo(10);
  }

  @Test
  void stats_haveTheSeedKeysAndHonestValues() {
    ZenooCache<String, String> cache =
        caches.create(MemoryCacheConfiguration.builder(String.class, String.class).maxSize(100).build());
    cache.put("a", "1");
    cache.get("a");
    cache.get("a");
    cache.get("a");
    cache.get("missing");
    Map<String, Object> stats = cache.stats().asMap();
    assertThat(stats).containsKeys("backend", "max_size", "current_size", "hit_rate", "memory_usage",
        "expired_items", "evictions");
    assertThat(stats.get("backend")).isEqualTo("memory");
    assertThat(stats.get("max_size")).isEqualTo(100L);
    assertThat(stats.get("current_size")).isEqualTo(1L);
    assertThat(cache.stats().hitRate()).isEqualTo(0.75);
    assertThat((Long) stats.get("memory_usage")).isPositive();
  }

  @Test
  void memoryUsage_isTheExactSerializedSizeWhenStoringByValue() {
    ZenooCache<String, ArrayList<String>> cache = caches.create(new MutableConfiguration<String, ArrayList<String>>());
    long empty = (Long) cache.stats().get("memory_usage");
    ArrayList<String> small = new ArrayList<>(List.of("x"));
    ArrayList<String> large = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      large.add("item-" + i);
    }
    cache.put("k", small);
    long withSmall = (Long) cache.stats().get("memory_usage");
    cache.put("k", large);
    long withLarge = (Long) cache.stats().get("memory_usage");
    long expectedGrowth = serializedSize(large) - serializedSize(small);
    assertThat(withSmall).isGreaterThan(empty);
    assertThat(withLarge - withSmall).isEqualTo(expectedGrowth);
    cache.remove("k");
    assertThat((Long) cache.stats().get("memory_usage")).isEqualTo(empty);
  }

  private static long serializedSize(Object o) {
    try {
      var bytes = new java.io.ByteArrayOutputStream();
      try (var out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(o);
      }
      return bytes.size();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void asyncForms_completeWithTheSyncResults() throws Exception {
    ZenooCache<String, String> cache = caches.create(MemoryCacheConfiguration.builder(String.class, String.class).build());
    cache.putAsync("a", "1").toCompletableFuture().get();
    cache.putAsync("b", "2", Duration.ofSeconds(30)).toCompletableFuture().get();
    assertThat(cache.getAsync("a").toCompletableFuture().get()).isEqualTo("1");
    assertThat(cache.containsKeyAsync("b").toCompletableFuture().get()).isTrue();
    assertThat(cache.removeAsync("a").toCompletableFuture().get()).isTrue();
    assertThat(cache.removeAsync("a").toCompletableFuture().get()).isFalse();
    cache.clearAsync().toCompletableFuture().get();
    assertThat(cache.containsKey("b")).isFalse();
    @SuppressWarnings({"unchecked", "rawtypes"})
    ZenooCache<Object, Object> raw = (ZenooCache) cache;
    // bad arguments fail the call itself, as in the synchronous forms; failures of the operation fail the stage
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> raw.putAsync(1, "x"))
        .isInstanceOf(ClassCastException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.getAsync(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void connectIsANoOp_andCloseReleasesTheCache() {
    ZenooCache<String, String> cache = caches.create(MemoryCacheConfiguration.builder(String.class, String.class).build());
    cache.connect();
    cache.connect();
    cache.put("a", "1");
    cache.close();
    cache.close();
    assertThat(cache.isClosed()).isTrue();
    assertThat(caches.manager().getCacheNames()).doesNotContain(cache.getName());
  }

  @Test
  void plainMutableConfiguration_getsTheDefaults_andManagerPropertiesOverrideThem() {
    ZenooCache<String, String> defaults = caches.create(new MutableConfiguration<String, String>());
    assertThat(defaults.stats().get("max_size")).isEqualTo(MemoryCacheConfiguration.DEFAULT_MAX_SIZE);

    Properties properties = new Properties();
    properties.setProperty("max_size", "25");
    properties.setProperty("default_ttl", "0.5");
    try (TestCaches configured = new TestCaches(properties)) {
      ZenooCache<String, String> cache = configured.create(new MutableConfiguration<String, String>());
      assertThat(cache.stats().get("max_size")).isEqualTo(25L);
      assertThat(cache.stats().get("default_ttl_seconds")).isEqualTo(0.5);
    }
  }

  /** A bad value fails when the manager is created, before any cache could be made with it. */
  @Test
  void badManagerProperty_failsWithTheKeyAndWhatWasExpected() {
    Properties properties = new Properties();
    properties.setProperty("max_size", "lots");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TestCaches(properties).close())
        .isInstanceOf(javax.cache.CacheException.class)
        .hasMessage("Invalid value 'lots' for property 'max_size': expected a whole number > 0");
  }
}
