package io.zenoo.cache.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.config.RedisCacheConfiguration;
import io.zenoo.cache.testing.TestCaches;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListenerFuture;
import javax.cache.processor.EntryProcessorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Read-through and write-through against a "system of record" (a map the loader reads and the writer
 * writes), on every backend: each operation calls the writer the spec says, once, and leaves the cache
 * and the system of record agreeing; a failing writer leaves the cache as it was.
 */
@ExtendWith(RedisExtension.class)
class ReadWriteThroughTest {

  enum Backend {
    MEMORY,
    REDIS
  }

  private static RedisServer server;

  private final SystemOfRecord record = new SystemOfRecord();
  private TestCaches caches;
  private ZenooCache<String, String> cache;

  @BeforeAll
  static void startRedis(RedisServer redis) {
    server = redis;
  }

  @AfterEach
  void tearDown() {
    if (caches != null) {
      caches.close();
    }
  }

  private void createCache(Backend backend) {
    caches = new TestCaches();
    MutableConfiguration<String, String> jcache = new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setReadThrough(true)
        .setWriteThrough(true)
        .setCacheLoaderFactory(FactoryBuilder.factoryOf(record))
        .setCacheWriterFactory(FactoryBuilder.factoryOf(record));
    cache = backend == Backend.MEMORY
        ? caches.create(jcache)
        : caches.create(RedisCacheConfiguration.builder(String.class, String.class)
            .url(server.uri().toString())
            .jcacheSettings(jcache)
            .build());
  }

  /** Returns what the cache holds, key by key, read without loading (an entry processor's peek). */
  private Map<String, String> cacheContents() {
    Map<String, String> contents = new TreeMap<>();
    Iterator<Cache.Entry<String, String>> it = cache.iterator();
    while (it.hasNext()) {
      Cache.Entry<String, String> e = it.next();
      contents.put(e.getKey(), e.getValue());
    }
    return contents;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void singleKeyWrites_callTheWriterOnceEach_andTheRecordEndsEqualToTheCache(Backend backend) {
    createCache(backend);

    cache.put("a", "1");
    assertThat(cache.getAndPut("a", "2")).isEqualTo("1");
    assertThat(cache.putIfAbsent("b", "1")).isTrue();
    assertThat(cache.putIfAbsent("b", "2")).isFalse();
    assertThat(cache.replace("b", "3")).isTrue();
    assertThat(cache.replace("b", "3", "4")).isTrue();
    assertThat(cache.replace("b", "x", "5")).isFalse();
    assertThat(cache.getAndReplace("b", "6")).isEqualTo("4");
    assertThat(cache.replace("none", "1")).isFalse();
    cache.invoke("c", (entry, args) -> {
      entry.setValue("1");
      return null;
    });
    assertThat(cache.remove("c", "x")).isFalse();
    assertThat(cache.remove("c", "1")).isTrue();
    cache.put("d", "1");
    assertThat(cache.getAndRemove("d")).isEqualTo("1");
    cache.put("e", "1");
    assertThat(cache.remove("e")).isTrue();

    assertThat(record.calls()).containsExactly(
        "write a=1", "write a=2", "write b=1", "write b=3", "write b=4", "write b=6", "write c=1", "delete c",
        "write d=1", "delete d", "write e=1", "delete e");
    assertThat(record.contents()).isEqualTo(cacheContents()).isEqualTo(Map.of("a", "2", "b", "6"));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void bulkWrites_callWriteAllAndDeleteAllOnce(Backend backend) {
    createCache(backend);
    Map<String, String> batch = new LinkedHashMap<>();
    batch.put("a", "1");
    batch.put("b", "2");
    batch.put("c", "3");

    cache.putAll(batch);
    cache.removeAll(Set.of("a", "b"));

    assertThat(record.calls()).containsExactly("writeAll {a=1, b=2, c=3}", "deleteAll [a, b]");
    assertThat(record.contents()).isEqualTo(cacheContents()).isEqualTo(Map.of("c", "3"));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void failingWriter_leavesTheCacheAsItWas(Backend backend) {
    createCache(backend);
    cache.put("a", "1");
    record.failing = true;

    assertThatThrownBy(() -> cache.put("a", "2")).isInstanceOf(CacheWriterException.class);
    assertThatThrownBy(() -> cache.remove("a")).isInstanceOf(CacheWriterException.class);
    assertThatThrownBy(() -> cache.replace("a", "3")).isInstanceOf(CacheWriterException.class);
    assertThatThrownBy(() -> cache.invoke("a", (entry, args) -> {
      entry.setValue("4");
      return null;
    })).isInstanceOf(EntryProcessorException.class).hasCauseInstanceOf(CacheWriterException.class);

    record.failing = false;
    assertThat(cache.get("a")).isEqualTo("1");
    assertThat(record.contents()).isEqualTo(cacheContents()).isEqualTo(Map.of("a", "1"));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void readThrough_loadsMissesOnce_andStoresThemWithoutCallingTheWriter(Backend backend) throws Exception {
    createCache(backend);
    record.preload("a", "1");
    record.preload("b", "2");
    record.preload("c", "3");

    assertThat(cache.get("a")).isEqualTo("1");
    assertThat(cache.get("a")).isEqualTo("1");
    assertThat(cache.get("missing")).isNull();
    assertThat(cache.getAll(Set.of("a", "b"))).isEqualTo(Map.of("a", "1", "b", "2"));
    CompletionListenerFuture done = new CompletionListenerFuture();
    cache.loadAll(Set.of("c"), /* replaceExistingValues= */ false, done);
    done.get(30, TimeUnit.SECONDS);
    String loaded = cache.invoke("c", (entry, args) -> entry.getValue());

    assertThat(loaded).isEqualTo("3");
    assertThat(record.loads()).containsExactly("load a", "load missing", "loadAll [b]", "loadAll [c]");
    assertThat(record.calls()).as("loads are not written back").isEmpty();
    assertThat(cacheContents()).isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void concurrentPutsOfOneKey_inOneJvm_recordEndsEqualToTheCache(Backend backend) throws Exception {
    createCache(backend);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      writers.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 100; i++) {
          cache.put("k", thread + "-" + i);
        }
      }, pool));
    }
    try {
      for (CompletableFuture<Void> w : writers) {
        w.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(record.calls()).hasSize(400).doesNotHaveDuplicates();
    assertThat(record.contents()).isEqualTo(cacheContents());
  }

  /** A loader and writer over one map, recording every call. */
  static final class SystemOfRecord implements CacheLoader<String, String>, CacheWriter<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, String> data = new HashMap<>();
    private final transient List<String> calls = new ArrayList<>();
    private final transient List<String> loads = new ArrayList<>();
    transient volatile boolean failing;

    synchronized void preload(String key, String value) {
      data.put(key, value);
    }

    synchronized Map<String, String> contents() {
      return new TreeMap<>(data);
    }

    synchronized List<String> calls() {
      return new ArrayList<>(calls);
    }

    synchronized List<String> loads() {
      return new ArrayList<>(loads);
    }

    @Override
    public synchronized String load(String key) {
      loads.add("load " + key);
      return data.get(key);
    }

    @Override
    public synchronized Map<String, String> loadAll(Iterable<? extends String> keys) {
      List<String> sorted = new ArrayList<>();
      keys.forEach(sorted::add);
      sorted.sort(null);
      loads.add("loadAll " + sorted);
      Map<String, String> found = new HashMap<>();
      for (String key : sorted) {
        if (data.containsKey(key)) {
          found.put(key, data.get(key));
        }
      }
      return found;
    }

    private void check() {
      if (failing) {
        throw new CacheWriterException("the system of record refuses");
      }
    }

    @Override
    public synchronized void write(Cache.Entry<? extends String, ? extends String> entry) {
      check();
      calls.add("write " + entry.getKey() + "=" + entry.getValue());
      data.put(entry.getKey(), entry.getValue());
    }

    @Override
    public synchronized void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      check();
      TreeMap<String, String> sorted = new TreeMap<>();
      entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
      calls.add("writeAll " + sorted);
      data.putAll(sorted);
      entries.clear();
    }

    @Override
    public synchronized void delete(Object key) {
      check();
      calls.add("delete " + key);
      data.remove(key);
    }

    @Override
    public synchronized void deleteAll(Collection<?> keys) {
      check();
      calls.add("deleteAll " + new java.util.TreeSet<>(keys.stream().map(String::valueOf).toList()));
      keys.forEach(data::remove);
      keys.clear();
    }
  }
}
