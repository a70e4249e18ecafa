package io.zenoo.cache.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import io.zenoo.cache.testing.TestCaches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads at once: no lost updates, the bound holds once writes settle, no exception escapes. */
class ConcurrencyTest {

  private static final int THREADS = 8;
  private final TestCaches caches = new TestCaches();

  @AfterEach
  void tearDown() {
    caches.close();
  }

  private static void runConcurrently(Runnable task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          task.run();
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void invokeIncrements_loseNoUpdate() throws Exception {
    ZenooCache<String, Long> cache = caches.create(MemoryCacheConfiguration.builder(String.class, Long.class).build());
    runConcurrently(() -> {
      for (int i = 0; i < 2_000; i++) {
        cache.invoke("counter", (entry, args) -> {
          Long current = entry.getValue();
          entry.setValue(current == null ? 1L : current + 1);
          return null;
        });
      }
    });
    assertThat(cache.get("counter")).isEqualTo((long) THREADS * 2_000);
  }

  @Test
  void replaceLoops_loseNoUpdate() throws Exception {
    ZenooCache<String, Long> cache = caches.create(MemoryCacheConfiguration.builder(String.class, Long.class).build());
    cache.put("counter", 0L);
    runConcurrently(() -> {
      for (int i = 0; i < 1_000; i++) {
        while (true) {
          Long current = cache.get("counter");
          if (cache.replace("counter", current, current + 1)) {
            break;
          }
        }
      }
    });
    assertThat(cache.get("counter")).isEqualTo((long) THREADS * 1_000);
  }

  @Test
  void mixedOperations_keepTheBoundAndTheInvariants() throws Exception {
    ZenooCache<Integer, String> cache =
        caches.create(MemoryCacheConfiguration.builder(Integer.class, String.class).maxSize(200).statisticsEnabled(true).build());
    runConcurrently(() -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < 10_000; i++) {
        int key = random.nextInt(1_000);
        switch (random.nextInt(6)) {
          case 0 -> cache.put(key, "v" + key);
          case 1 -> {
            String v = cache.get(key);
            assertThat(v == null || v.equals("v" + key)).as("value of key %s is %s", key, v).isTrue();
          }
          case 2 -> cache.remove(key);
          case 3 -> cache.putIfAbsent(key, "v" + key);
          case 4 -> cache.invoke(key, (e, a) -> {
            if (e.exists()) {
              e.setValue("v" + key);
            }
            return null;
          });
          default -> cache.getAndReplace(key, "v" + key);
        }
      }
    });
    assertThat(cache.stats().currentSize()).isLessThanOrEqualTo(200);
    int seen = 0;
    for (var entry : cache) {
      assertThat(entry.getValue()).isEqualTo("v" + entry.getKey());
      seen++;
    }
    assertThat((long) seen).isEqualTo(cache.stats().currentSize());
  }
}
