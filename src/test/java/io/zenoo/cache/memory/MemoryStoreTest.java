package io.zenoo.cache.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreEntry;
import io.zenoo.cache.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryStoreTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> evicted = new CopyOnWriteArrayList<>();
  private final List<String> expired = new CopyOnWriteArrayList<>();
  private final List<MemoryStore<String, String>> stores = new ArrayList<>();

  private final Store.RemovalListener<String, String> listener =
      new Store.RemovalListener<>() {
        @Override
        public void onEviction(String key, StoreEntry<String> entry) {
          evicted.add(key);
        }

        @Override
        public void onExpiration(String key, StoreEntry<String> entry) {
          expired.add(key);
        }
      };

  private MemoryStore<String, String> store(long maxSize, long sweepNanos) {
    MemoryStore<String, String> store =
        MemoryStore.create(maxSize, sweepNanos, clock, (k, v) -> k.length() + v.length(), listener);
    stores.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    stores.forEach(MemoryStore::close);
  }

  private static void put(MemoryStore<String, String> store, String key, String value, long expireAt) {
    store.compute(key, current -> StoreEntry.of(value, expireAt));
  }

  @Test
  void insertBeyondMaxSize_evictsLeastRecentlyRead() {
    MemoryStore<String, String> store = store(3, 0);
    put(store, "a", "1", StoreEntry.NEVER);
    put(store, "b", "2", StoreEntry.NEVER);
    put(store, "c", "3", StoreEntry.NEVER);
    store.get("a"); // a is now more recent than b and c

    put(store, "d", "4", StoreEntry.NEVER);

    assertThat(evicted).containsExactly("b");
    assertThat(store.peek("a")).isNotNull();
    assertThat(store.size()).isEqualTo(3);
  }

  @Test
  void manyReads_hotEntriesSurviveAndColdOnesAreEvicted() {
    MemoryStore<String, String> store = store(100, 0);
    for (int i = 0; i < 100; i++) {
      put(store, "k" + i, "v", StoreEntry.NEVER);
    }
    // read the first half many times (more than one read buffer's worth), leaving the second half cold
    for (int round = 0; round < 10; round++) {
      for (int i = 0; i < 50; i++) {
        store.get("k" + i);
      }
    }
    for (int i = 100; i < 150; i++) {
      put(store, "k" + i, "v", StoreEntry.NEVER);
    }

    List<String> expectedVictims = new ArrayList<>();
    for (int i = 50; i < 100; i++) {
      expectedVictims.add("k" + i);
    }
    assertThat(evicted).containsExactlyInAnyOrderElementsOf(expectedVictims);
    for (int i = 0; i < 50; i++) {
      assertThat(store.peek("k" + i)).as("hot key k" + i).isNotNull();
    }
  }

  @Test
  void updateOfExistingKey_countsAsUse() {
    MemoryStore<String, String> store = store(2, 0);
    put(store, "a", "1", StoreEntry.NEVER);
    put(store, "b", "2", StoreEntry.NEVER);
    put(store, "a", "1b", StoreEntry.NEVER);

    put(store, "c", "3", StoreEntry.NEVER);

    assertThat(evicted).containsExactly("b");
  }

  @Test
  void maxSizeOne_keepsOnlyTheLatest() {
    MemoryStore<String, String> store = store(1, 0);
    put(store, "a", "1", StoreEntry.NEVER);
    put(store, "b", "2", StoreEntry.NEVER);
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.peek("b")).isNotNull();
    assertThat(evicted).containsExactly("a");
  }

  @Test
  void weight_followsInsertUpdateRemoveAndClear() {
    MemoryStore<String, String> store = store(10, 0);
    put(store, "ab", "123", StoreEntry.NEVER);
    assertThat(store.weight()).isEqualTo(5);
    put(store, "ab", "1", StoreEntry.NEVER);
    assertThat(store.weight()).isEqualTo(3);
    put(store, "c", "1", StoreEntry.NEVER);
    store.compute("ab", current -> null);
    assertThat(store.weight()).isEqualTo(2);
    store.clear();
    assertThat(store.weight()).isZero();
    assertThat(store.size()).isZero();
  }

  @Test
  void sweep_removesOnlyExpiredEntriesAndReportsThem() {
    MemoryStore<String, String> store = store(10, Duration.ofMillis(20).toNanos());
    put(store, "short", "1", clock.nanos() + Duration.ofSeconds(1).toNanos());
    put(store, "long", "2", clock.nanos() + Duration.ofSeconds(100).toNanos());
    put(store, "never", "3", StoreEntry.NEVER);

    clock.advance(Duration.ofSeconds(2));

    await().atMost(Duration.ofSeconds(5)).until(() -> expired.contains("short"));
    assertThat(store.peek("short")).isNull();
    assertThat(store.peek("long")).isNotNull();
    assertThat(store.peek("never")).isNotNull();
    assertThat(expired).containsExactly("short");
  }

  @Test
  void concurrentInsertsReadsAndRemovals_sizeSettlesAtOrBelowBound() throws Exception {
    MemoryStore<String, String> store = store(500, 0);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int i = 0; i < 20_000; i++) {
                    String key = "k" + random.nextInt(5_000);
                    int op = random.nextInt(10);
                    if (op < 5) {
                      store.get(key);
                    } else if (op < 9) {
                      put(store, key, "v", StoreEntry.NEVER);
                    } else {
                      store.compute(key, current -> null);
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
    assertThat(store.size()).isLessThanOrEqualTo(500);
    long expectedWeight = 0;
    var it = store.iterator();
    while (it.hasNext()) {
      var e = it.next();
      expectedWeight += e.getKey().length() + e.getValue().value().length();
    }
    assertThat(store.weight()).isEqualTo(expectedWeight);
  }
}
