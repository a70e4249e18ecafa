package io.zenoo.cache.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreEntry;
import org.junit.jupiter.api.Test;

/**
 * Pins the hit rate of {@link MemoryStore}'s eviction policy on seeded traces from below, beside exact LRU on
 * the same trace. A seeded trace replayed on a store with a fixed seed on one thread gives the same count
 * every run: these are exact figures, not timings. The traces are the simulator's ({@code
 * io.zenoo.bench.HitRate}) at a twentieth of its scale: 50,000 keys, 500,000 requests, the first 100,000
 * to warm up; the floors are the measured figures less half a point.
 */
class EvictionHitRateTest {

  private static final int KEYS = 50_000;
  private static final int LENGTH = 500_000;
  private static final int WARMUP = 100_000;
  private static final long SEED = 1;

  @Test
  void zipf099_smallCache_beatsLruByFivePoints() {
    int[] trace = Traces.zipf(KEYS, 0.99, LENGTH, SEED);
    double store = store(trace, KEYS / 100);
    assertThat(store).isGreaterThanOrEqualTo(0.560);
    assertThat(store).isGreaterThanOrEqualTo(ReferencePolicies.lru(trace, KEYS / 100, WARMUP) + 0.05);
  }

  @Test
  void zipf099_largeCache_beatsLru() {
    int[] trace = Traces.zipf(KEYS, 0.99, LENGTH, SEED);
    double store = store(trace, KEYS / 10);
    assertThat(store).isGreaterThanOrEqualTo(0.765);
    assertThat(store).isGreaterThan(ReferencePolicies.lru(trace, KEYS / 10, WARMUP) + 0.03);
  }

  @Test
  void zipf08_smallCache_beatsLruByFivePoints() {
    int[] trace = Traces.zipf(KEYS, 0.8, LENGTH, SEED);
    double store = store(trace, KEYS / 100);
    assertThat(store).isGreaterThanOrEqualTo(0.302);
    assertThat(store).isGreaterThanOrEqualTo(ReferencePolicies.lru(trace, KEYS / 100, WARMUP) + 0.05);
  }

  @Test
  void zipf08_largeCache_beatsLru() {
    int[] trace = Traces.zipf(KEYS, 0.8, LENGTH, SEED);
    double store = store(trace, KEYS / 10);
    assertThat(store).isGreaterThanOrEqualTo(0.557);
    assertThat(store).isGreaterThan(ReferencePolicies.lru(trace, KEYS / 10, WARMUP) + 0.05);
  }

  @Test
  void zipfWithScans_oneTimeKeysDoNotFlushTheHotSet() {
    int[] trace = Traces.zipfWithScans(KEYS, 0.99, LENGTH, KEYS / 10, 0.2, SEED);
    double store = store(trace, KEYS / 100);
    assertThat(store).isGreaterThanOrEqualTo(0.443);
    assertThat(store).isGreaterThanOrEqualTo(ReferencePolicies.lru(trace, KEYS / 100, WARMUP) + 0.05);
  }

  @Test
  void shiftingHotSet_staysWithinFourAndAHalfPointsOfLru() {
    int[] trace = Traces.shiftingZipf(KEYS, 0.99, LENGTH, 5 * KEYS / 10, SEED);
    double store = store(trace, KEYS / 10);
    assertThat(store).isGreaterThanOrEqualTo(SHIFT_FLOOR);
    assertThat(store).isGreaterThanOrEqualTo(ReferencePolicies.lru(trace, KEYS / 10, WARMUP) - SHIFT_BELOW_LRU);
  }

  @Test
  void loopLargerThanTheCache_keepsMostOfIt() {
    int capacity = KEYS / 100;
    int[] trace = Traces.loop(capacity * 12 / 10, LENGTH);
    assertThat(ReferencePolicies.lru(trace, capacity, WARMUP)).isZero();
    assertThat(store(trace, capacity)).isGreaterThanOrEqualTo(0.812);
  }

  private static final double SHIFT_FLOOR = 0.628;
  // not yet the target of LRU - 1 point: 4.0 points below LRU at this scale, 2.6 at the simulator's
  private static final double SHIFT_BELOW_LRU = 0.045;

  /** Replays the trace cache-aside (get, put on a miss) on a store with a fixed seed; hits after warm-up. */
  static double store(int[] trace, int capacity) {
    MemoryStore<Integer, Integer> store =
        MemoryStore.create(capacity, 0, () -> 0L, (k, v) -> 1L, new Store.RemovalListener<>() {
          @Override
          public void onEviction(Integer key, StoreEntry<Integer> entry) {}

          @Override
          public void onExpiration(Integer key, StoreEntry<Integer> entry) {}
        }, SEED);
    long hits = 0;
    for (int i = 0; i < trace.length; i++) {
      Integer key = trace[i];
      if (store.get(key) != null) {
        if (i >= WARMUP) {
          hits++;
        }
      } else {
        store.put(key, key, StoreEntry.NEVER);
      }
    }
    assertThat(store.size()).isLessThanOrEqualTo(capacity);
    return (double) hits / (trace.length - WARMUP);
  }
}
