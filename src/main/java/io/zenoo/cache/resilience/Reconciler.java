package io.zenoo.cache.resilience;

import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the remote store in line with what the fallback acknowledged during an outage, for the keys an
 * {@link OutageJournal} snapshot lists: deletes them in the remote store ({@code invalidate}, the default:
 * the next read misses), or writes the fallback's live values back with their remaining time to live and
 * deletes the rest ({@code replay}). A snapshot that says "everything" clears the remote cache first. Every
 * remote call is idempotent, so each is retried on the schedule. Stateless; thread safe.
 */
final class Reconciler<K, V> {

  private final RemoteStore<K, V> remote;
  private final Store<K, V> fallback;
  private final Retrier retrier;
  private final Clock clock;
  private final boolean replay;

  Reconciler(RemoteStore<K, V> remote, Store<K, V> fallback, Retrier retrier, Clock clock, boolean replay) {
    this.remote = remote;
    this.fallback = fallback;
    this.retrier = retrier;
    this.clock = clock;
    this.replay = replay;
  }

  /** Reconciles what the snapshot lists; throws what the remote store still fails with after retries. */
  void reconcile(OutageJournal.Snapshot<K> snapshot) throws StoreAccessException {
    if (snapshot.everything()) {
      retrier.call(() -> {
        remote.clear();
        return null;
      }, true);
    }
    if (snapshot.keys().isEmpty()) {
      return;
    }
    List<K> delete = new ArrayList<>();
    if (replay) {
      long now = clock.nanos();
      for (K key : snapshot.keys().keySet()) {
        StoreEntry<V> entry = fallback.peek(key);
        if (entry == null || entry.isExpired(now)) {
          delete.add(key);
        } else {
          retrier.call(() -> remote.put(key, entry.value(), entry.expireAt()), true);
        }
      }
    } else {
      delete.addAll(snapshot.keys().keySet());
    }
    if (!delete.isEmpty() && !snapshot.everything()) { // after a clear there is nothing left to delete
      retrier.call(() -> {
        remote.invalidate(delete);
        return null;
      }, true);
    }
  }
}
