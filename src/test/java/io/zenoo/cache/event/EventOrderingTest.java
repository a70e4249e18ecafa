package io.zenoo.cache.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import io.zenoo.cache.testing.TestCaches;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events of one key reach an asynchronous listener in the order of the writes, across writer threads. */
class EventOrderingTest {

  /** Records, per key, the values it was told about, in arrival order. */
  public static final class SequenceListener
      implements CacheEntryCreatedListener<String, Long>, CacheEntryUpdatedListener<String, Long>, Serializable {
    private static final long serialVersionUID = 1L;
    static final Map<String, List<Long>> SEEN = new ConcurrentHashMap<>();

    private void record(Iterable<CacheEntryEvent<? extends String, ? extends Long>> events) {
      for (CacheEntryEvent<? extends String, ? extends Long> e : events) {
        List<Long> list = SEEN.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
        synchronized (list) {
          list.add(e.getValue());
        }
      }
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Long>> events) {
      record(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Long>> events) {
      record(events);
    }
  }

  private final TestCaches caches = new TestCaches();

  @AfterEach
  void tearDown() {
    caches.close();
    SequenceListener.SEEN.clear();
  }

  @Test
  void concurrentIncrements_asyncListenerSeesEachKeysValuesInWriteOrder() throws Exception {
    ZenooCache<String, Long> cache = caches.create(
        MemoryCacheConfiguration.builder(String.class, Long.class)
            .addListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(SequenceListener.class), null, false, /* isSynchronous= */ false))
            .build());
    int threads = 4;
    int increments = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < increments; i++) {
            for (String key : List.of("a", "b")) {
              cache.invoke(key, (entry, args) -> {
                Long v = entry.getValue();
                entry.setValue(v == null ? 1L : v + 1);
                return null;
              });
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
    long total = (long) threads * increments;
    for (String key : List.of("a", "b")) {
      await().atMost(Duration.ofSeconds(20))
          .until(() -> SequenceListener.SEEN.getOrDefault(key, List.of()).size() == total);
      List<Long> seen = SequenceListener.SEEN.get(key);
      synchronized (seen) {
        for (int i = 0; i < seen.size(); i++) {
          assertThat(seen.get(i)).as("event %d of key %s", i, key).isEqualTo(i + 1L);
        }
      }
    }
  }
}
