package io.zenoo.cache.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys written or removed while the remote store could not be used, so that they are reconciled
 * before it serves reads again. Bounded: past {@code limit} keys (or after a {@code clear} during the
 * outage) it records "everything", and recovery then clears the whole cache in the remote store.
 *
 * <p><b>Generations.</b> A key is recorded with the journal's current generation, and every
 * {@link #snapshot()} starts a new one. Recovery reconciles a snapshot, then forgets each key only if it
 * is still recorded with the generation the snapshot saw ({@link #settled}): a key written again after the
 * snapshot was taken carries the newer generation and stays for the next round. Writers record a key
 * <em>after</em> changing the fallback, so a write recovery may not have seen is always recorded with a
 * generation newer than what recovery reconciled. A key written again within one generation costs one
 * map read.
 *
 * <p>Thread safe; {@link #snapshot()} and {@link #settled} are called by one recovering thread at a time.
 */
final class OutageJournal<K> {

  /** What recovery must reconcile: the keys with their generations, and whether the whole cache is suspect. */
  record Snapshot<K>(Map<K, Long> keys, long clearEpoch) {
    boolean everything() {
      return clearEpoch > 0;
    }
  }

  private final int limit;
  private final ConcurrentHashMap<K, Long> keys = new ConcurrentHashMap<>();
  /** Boxed once per generation, so recording allocates nothing. */
  private volatile Long generation = 1L;
  private final AtomicLong clearsRecorded = new AtomicLong();
  private final AtomicLong clearsSettled = new AtomicLong();

  OutageJournal(int limit) {
    this.limit = limit;
  }

  /** Records a write or removal of the key; call it after the write reached the fallback. */
  void record(K key) {
    if (clearsRecorded.get() > clearsSettled.get()) {
      return; // everything will be reconciled anyway
    }
    Long current = generation;
    if (keys.get(key) == current) {
      return; // already recorded in this generation
    }
    keys.put(key, current);
    if (keys.size() > limit) {
      recordEverything();
    }
  }

  /** Records that every key of the cache may differ (a clear, or too many keys to list). */
  void recordEverything() {
    clearsRecorded.incrementAndGet();
  }

  /** Returns whether there is nothing to reconcile. */
  boolean isEmpty() {
    return keys.isEmpty() && clearsRecorded.get() == clearsSettled.get();
  }

  /** Returns the number of keys recorded (for statistics). */
  int size() {
    return keys.size();
  }

  /** Starts a new generation and returns what is to reconcile now. */
  Snapshot<K> snapshot() {
    generation = generation + 1;
    long recorded = clearsRecorded.get();
    return new Snapshot<>(Map.copyOf(keys), recorded > clearsSettled.get() ? recorded : 0);
  }

  /** Forgets what the snapshot held, except keys recorded again since it was taken. */
  void settled(Snapshot<K> snapshot) {
    snapshot.keys().forEach(keys::remove); // remove(key, generation): only if not recorded since
    if (snapshot.everything()) {
      clearsSettled.accumulateAndGet(snapshot.clearEpoch(), Math::max);
    }
  }
}
