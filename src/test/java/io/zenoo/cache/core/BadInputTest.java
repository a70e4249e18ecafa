package io.zenoo.cache.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import io.zenoo.cache.testing.TestCaches;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.processor.EntryProcessorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input gets the exception the spec names, with a message that says what, and the cache stays consistent. */
class BadInputTest {

  private final TestCaches caches = new TestCaches();

  @AfterEach
  void tearDown() {
    caches.close();
  }

  private ZenooCache<String, String> strings() {
    return caches.create(new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  @Test
  void nullKeysValuesAndCollections_throwNullPointerException() {
    ZenooCache<String, String> cache = strings();
    assertThatThrownBy(() -> cache.get(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.put(null, "v")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.put("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.putAll(null)).isInstanceOf(NullPointerException.class);
    Map<String, String> withNull = new HashMap<>();
    withNull.put("a", "1");
    withNull.put("b", null);
    assertThatThrownBy(() -> cache.putAll(withNull)).isInstanceOf(NullPointerException.class);
    assertThat(cache.containsKey("a")).as("putAll with a null value stores nothing").isFalse();
    Set<String> keys = new HashSet<>(Arrays.asList("a", null));
    assertThatThrownBy(() -> cache.getAll(keys)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.removeAll(keys)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.invoke("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.registerCacheEntryListener(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.replace("k", null, "v")).isInstanceOf(NullPointerException.class);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void wrongTypesForATypedCache_throwClassCastException() {
    Cache raw = strings();
    assertThatThrownBy(() -> raw.put(1, "v"))
        .isInstanceOf(ClassCastException.class)
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("java.lang.Integer");
    assertThatThrownBy(() -> raw.put("k", 2)).isInstanceOf(ClassCastException.class);
    assertThat(raw.containsKey("k")).isFalse();
  }

  @Test
  void closedCacheAndManager_throwIllegalStateException() {
    ZenooCache<String, String> cache = strings();
    cache.close();
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> cache.put("k", "v")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(cache::iterator).isInstanceOf(IllegalStateException.class);
    caches.manager().close();
    assertThatThrownBy(() -> caches.manager().getCacheNames()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> caches.manager().createCache("x", new MutableConfiguration<>()))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Not serializable: cannot be stored by value. */
  static final class Opaque {
    final int n;

    Opaque(int n) {
      this.n = n;
    }
  }

  @Test
  void valueThatCannotBeCopied_throwsCacheExceptionNamingTheClass() {
    ZenooCache<String, Object> cache = caches.create(new MutableConfiguration<String, Object>());
    assertThatThrownBy(() -> cache.put("k", new Opaque(1)))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining(Opaque.class.getName())
        .hasMessageContaining("store-by-reference");
    assertThat(cache.containsKey("k")).isFalse();
  }

  @Test
  void storeByValue_callersCannotChangeWhatTheCacheHolds() {
    ZenooCache<String, java.util.Date> cache = caches.create(
        new MutableConfiguration<String, java.util.Date>().setTypes(String.class, java.util.Date.class));
    java.util.Date date = new java.util.Date(1000);
    cache.put("k", date);
    date.setTime(2000);
    java.util.Date read = cache.get("k");
    assertThat(read.getTime()).isEqualTo(1000);
    read.setTime(3000);
    assertThat(cache.get("k").getTime()).isEqualTo(1000);
  }

  /** A writer that refuses the key "bad". */
  public static final class PickyWriter implements CacheWriter<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      if (entry.getKey().equals("bad")) {
        throw new IllegalStateException("database refused " + entry.getKey());
      }
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      var it = entries.iterator();
      while (it.hasNext()) {
        write(it.next());
        it.remove();
      }
    }

    @Override
    public void delete(Object key) {
      if (key.equals("bad")) {
        throw new IllegalStateException("database refused delete");
      }
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      var it = keys.iterator();
      while (it.hasNext()) {
        delete(it.next());
        it.remove();
      }
    }
  }

  @Test
  void writerThatThrows_surfacesAsCacheWriterExceptionAndLeavesTheCacheUnchanged() {
    ZenooCache<String, String> cache = caches.create(
        new MutableConfiguration<String, String>().setTypes(String.class, String.class)
            .setWriteThrough(true).setCacheWriterFactory(FactoryBuilder.factoryOf(PickyWriter.class)));
    assertThatThrownBy(() -> cache.put("bad", "v"))
        .isInstanceOf(CacheWriterException.class)
        .hasMessageContaining("bad")
        .hasRootCauseInstanceOf(IllegalStateException.class);
    assertThat(cache.containsKey("bad")).isFalse();

    Map<String, String> batch = new java.util.LinkedHashMap<>();
    batch.put("a", "1");
    batch.put("bad", "2");
    batch.put("c", "3");
    assertThatThrownBy(() -> cache.putAll(batch)).isInstanceOf(CacheWriterException.class);
    assertThat(cache.containsKey("a")).as("written before the failure").isTrue();
    assertThat(cache.containsKey("bad")).isFalse();
    assertThat(cache.containsKey("c")).as("not written: not stored").isFalse();

    assertThatThrownBy(() -> cache.invoke("bad", (e, a) -> { e.setValue("x"); return null; }))
        .isInstanceOf(EntryProcessorException.class)
        .hasCauseInstanceOf(CacheWriterException.class);
    assertThat(cache.containsKey("bad")).isFalse();
  }

  /** A loader that fails for every key. */
  public static final class BrokenLoader implements CacheLoader<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String load(String key) {
      throw new IllegalStateException("backend down for " + key);
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      throw new IllegalStateException("backend down");
    }
  }

  @Test
  void loaderThatThrows_surfacesAsCacheLoaderExceptionAndStoresNothing() {
    ZenooCache<String, String> cache = caches.create(
        new MutableConfiguration<String, String>().setTypes(String.class, String.class)
            .setReadThrough(true).setCacheLoaderFactory(FactoryBuilder.factoryOf(BrokenLoader.class)));
    assertThatThrownBy(() -> cache.get("k"))
        .isInstanceOf(CacheLoaderException.class)
        .hasMessageContaining("k")
        .hasRootCauseMessage("backend down for k");
    assertThat(cache.containsKey("k")).isFalse();
    assertThatThrownBy(() -> cache.getAll(Set.of("a", "b"))).isInstanceOf(CacheLoaderException.class);
    assertThat(cache.stats().currentSize()).isZero();
  }

  /** A synchronous listener that fails on every event. */
  public static final class FailingListener implements CacheEntryCreatedListener<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      throw new IllegalStateException("listener bug");
    }
  }

  @Test
  void synchronousListenerThatThrows_reachesTheCallerButTheWriteStands() {
    ZenooCache<String, String> cache = strings();
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(FailingListener.class), null, false, /* isSynchronous= */ true));
    assertThatThrownBy(() -> cache.put("k", "v"))
        .isInstanceOf(CacheEntryListenerException.class)
        .hasRootCauseMessage("listener bug");
    assertThat(cache.get("k")).isEqualTo("v");
  }

  @Test
  void asynchronousListenerThatThrows_doesNotDisturbTheCaller() {
    ZenooCache<String, String> cache = strings();
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(FailingListener.class), null, false, /* isSynchronous= */ false));
    cache.put("k", "v");
    assertThat(cache.get("k")).isEqualTo("v");
  }

  @Test
  void ttlZeroOrNegative_isRejectedWithAClearMessage() {
    ZenooCache<String, String> cache = strings();
    assertThatThrownBy(() -> cache.put("k", "v", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl must be positive");
    assertThatThrownBy(() -> cache.put("k", "v", Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(cache.containsKey("k")).isFalse();
    assertThatThrownBy(() -> MemoryCacheConfiguration.builder(String.class, String.class).defaultTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("default_ttl must be positive");
    assertThatThrownBy(() -> MemoryCacheConfiguration.builder(String.class, String.class).maxSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max_size must be > 0, but was 0");
    assertThatThrownBy(() -> MemoryCacheConfiguration.builder(String.class, String.class)
            .cleanupInterval(Duration.ofSeconds(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cleanup_interval");
  }

  @Test
  void maxSizeHuge_acceptsAndStoresWithoutPreallocating() {
    ZenooCache<String, String> cache =
        caches.create(MemoryCacheConfiguration.builder(String.class, String.class).maxSize(Long.MAX_VALUE).build());
    for (int i = 0; i < 5000; i++) {
      cache.put("k" + i, "v");
    }
    assertThat(cache.stats().currentSize()).isEqualTo(5000);
    assertThat(cache.stats().get("max_size")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void unwrapToAnUnrelatedClass_throwsIllegalArgumentException() {
    ZenooCache<String, String> cache = strings();
    assertThatThrownBy(() -> cache.unwrap(String.class)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> caches.manager().unwrap(String.class)).isInstanceOf(IllegalArgumentException.class);
  }
}
