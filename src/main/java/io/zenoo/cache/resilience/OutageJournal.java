package io.zenoo.cache.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys written or removed while the remote store could not be used, so that they are reconciled
 * before it serves reads again. Bounded: past {@code limit} keys (or after a {@code clear} during the
 * outage) it records "everything", and recovery then clears the whole cache in the remote store.
 *
 * <p>Every record carries a stamp, so that recovery removes only what it reconciled: a key written again
 * while recovery ran stays recorded. Thread safe.
 */
final class OutageJournal<K> {

  /** What recovery must reconcile: the keys with their stamps, and whether the whole cache is suspect. */
  record Snapshot<K>(Map<K, Long> keys, long clearEpoch) {
    boolean everything() {
      return clearEpoch > 0;
    }
  }

  private final int limit;
  private final ConcurrentHashMap<K, Long> keys = new ConcurrentHashMap<>();
  private final AtomicLong stamps = new AtomicLong();
  private final AtomicLong clearsRecorded = new AtomicLong();
  private final AtomicLong clearsSettled = new AtomicLong();

  OutageJournal(int limit) {
    this.limit = limit;
  }

  /** Records a write or removal of the key. */
  void record(K key) {
    if (clearsRecorded.get() > clearsSettled.get()) {
      return; // everything will be reconciled anyway
    }
    keys.put(key, stamps.incrementAndGet());
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

  /** Returns what is to reconcile now. */
  Snapshot<K> snapshot() {
    long recorded = clearsRecorded.get();
    return new Snapshot<>(Map.copyOf(keys), recorded > clearsSettled.get() ? recorded : 0);
  }

  /** Forgets what the snapshot held, except keys recorded again since it was taken. */
  void settled(Snapshot<K> snapshot) {
    snapshot.keys().forEach(keys::remove);
    if (snapshot.everything()) {
      clearsSettled.accumulateAndGet(snapshot.clearEpoch(), Math::max);
    }
  }
}
