package io.zenoo.cache.transaction;

import io.zenoo.cache.core.CacheEngine;
import io.zenoo.cache.core.PendingWrites;
import io.zenoo.cache.core.TransactionBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A unit of work over zenoo caches, bound to the thread that begins it. While it is open, that thread's
 * {@code put}, {@code putAll}, {@code remove(key)} and {@code removeAll} calls on any zenoo cache (memory or
 * Redis, any manager) are recorded, not applied: other threads and other clients do not see them.
 * {@link #commit()} applies them, {@link #rollback()} (or {@link #close()} without a commit) drops them.
 * The thread's own {@code get}, {@code getAll} and {@code containsKey} see its recorded writes (a removed
 * key is absent).
 *
 * <pre>{@code
 * try (CacheTransaction tx = CacheTransaction.begin()) {
 *   users.put(id, user);
 *   sessions.remove(id);
 *   tx.commit();      // without it, close() rolls back
 * }
 * }</pre>
 *
 * <p><b>What a transaction records.</b> Per cache and key, the last write wins. The other operations
 * ({@code putIfAbsent}, {@code replace}, {@code getAndPut}, {@code getAndRemove}, {@code remove(key, value)},
 * {@code invoke}, {@code invokeAll}, {@code clear}, {@code iterator}, {@code loadAll} and the asynchronous
 * forms) throw {@code IllegalStateException} on a thread with an open transaction rather than bypass it.
 * {@code removeAll()} records the removal of the keys the cache holds when it is called and of those the
 * transaction put; a key another client creates afterwards is not removed. Reads of keys the transaction
 * did not write go to the cache as usual (read-through and statistics included); reads answered from its
 * own writes count no statistic.
 *
 * <p><b>At commit</b>, for each cache in the order the transaction first wrote to it:
 * <ol>
 *   <li>every cache must still be open, else nothing is applied and {@code IllegalStateException} says
 *       which cache was closed;
 *   <li>write-through caches call their {@code CacheWriter}: {@code writeAll} with the puts, then
 *       {@code deleteAll} with the removals. A writer failure stops the commit with its
 *       {@code CacheWriterException} before any cache is written, and the transaction is rolled back
 *       (what writers called earlier in this commit wrote to their systems stays written: a writer has no
 *       rollback);
 *   <li>each cache applies its final state of each key as one batch ({@code Store.writeAll}): on Redis one
 *       {@code MULTI ... EXEC}, so other clients see all of a cache's writes or none; in memory key by key.
 *       Expiry comes from the cache's {@code ExpiryPolicy} (creation for a key absent at commit, update for a
 *       live one) or the fixed TTL of {@code put(key, value, ttl)}. Then the cache publishes the entry
 *       events (CREATED, UPDATED, REMOVED) of what the batch replaced and counts puts and removals in its
 *       statistics, as the same calls outside a transaction would have; synchronous listeners are awaited
 *       before {@code commit} returns.
 * </ol>
 * Atomicity is per cache: if a store fails in the third step, caches applied before it keep their batch,
 * the others get none, and {@link CacheTransactionException} says which; the status is then
 * {@link Status#FAILED}.
 *
 * <p><b>Threads.</b> Transactions do not nest: {@link #begin()} on a thread that has one open throws
 * {@code IllegalStateException}. {@link #commit()} and {@link #rollback()} may be called from another thread
 * (a JTA transaction manager may complete a transaction on its own thread); the beginning thread is then
 * outside any transaction, and its next cache calls go straight to the caches. A thread with no transaction
 * open pays one volatile read per cache call for this feature, none if no thread of the JVM has one open.
 *
 * <p>Thread safe.
 */
public final class CacheTransaction implements AutoCloseable {

  /** Where a transaction is in its life. */
  public enum Status {
    /** Open: writes are recorded. */
    ACTIVE,
    /** The commit is applying the writes. */
    COMMITTING,
    /** Every cache applied its writes. */
    COMMITTED,
    /** Dropped: by {@link #rollback()}, {@link #close()}, or a commit that failed before writing any cache. */
    ROLLED_BACK,
    /** A commit failed while writing the caches: some caches may have applied their batch (see the exception). */
    FAILED
  }

  private final Binding binding = new Binding();
  private final Map<CacheEngine<?, ?>, PendingWrites<?, ?>> caches = new LinkedHashMap<>(); // guarded by binding
  private volatile Status status = Status.ACTIVE;

  private CacheTransaction() {}

  /**
   * Begins a transaction on the calling thread.
   *
   * @throws IllegalStateException if the thread has a transaction open already
   */
  public static CacheTransaction begin() {
    CacheTransaction transaction = new CacheTransaction();
    TransactionBinding.bind(transaction.binding);
    return transaction;
  }

  /** Returns the transaction open on the calling thread, if any. */
  public static Optional<CacheTransaction> current() {
    TransactionBinding.Scope scope = TransactionBinding.current();
    return scope instanceof Binding own ? Optional.of(own.transaction()) : Optional.empty();
  }

  /** Returns where the transaction is in its life. */
  public Status status() {
    return status;
  }

  /** Returns whether the transaction is open and recording writes. */
  public boolean isActive() {
    return status == Status.ACTIVE;
  }

  /**
   * Applies the recorded writes, as the class comment describes.
   *
   * @throws IllegalStateException if the transaction is not active, or a cache it wrote to was closed
   *     (then nothing is applied and the transaction is rolled back)
   * @throws javax.cache.integration.CacheWriterException if a cache's writer failed (then no cache is
   *     written and the transaction is rolled back)
   * @throws CacheTransactionException if a cache's store failed while applying
   * @throws javax.cache.event.CacheEntryListenerException if a synchronous listener failed (the writes are
   *     applied)
   */
  public void commit() {
    List<PendingWrites<?, ?>> enlisted = end(Status.COMMITTING, "commit");
    try {
      enlisted.forEach(PendingWrites::requireOpenCache);
      enlisted.forEach(PendingWrites::writeThrough);
    } catch (RuntimeException | Error e) {
      finish(enlisted, Status.ROLLED_BACK);
      throw e;
    }
    List<String> applied = new ArrayList<>();
    for (PendingWrites<?, ?> writes : enlisted) {
      try {
        writes.apply();
        applied.add(writes.cacheName());
      } catch (RuntimeException e) {
        finish(enlisted, Status.FAILED);
        List<String> notApplied = new ArrayList<>();
        enlisted.subList(applied.size() + 1, enlisted.size()).forEach(w -> notApplied.add(w.cacheName()));
        CacheTransactionException failure = new CacheTransactionException(
            "Cache transaction commit failed at cache " + writes.cacheName() + " (" + e.getMessage()
                + "); caches applied before it: " + applied + "; caches not applied: " + notApplied, e);
        RuntimeException listeners = awaitListeners(enlisted.subList(0, applied.size()));
        if (listeners != null) {
          failure.addSuppressed(listeners);
        }
        throw failure;
      }
    }
    finish(enlisted, Status.COMMITTED);
    RuntimeException listeners = awaitListeners(enlisted);
    if (listeners != null) {
      throw listeners;
    }
  }

  /** Waits for the synchronous listeners of every applied cache; returns the first failure, or null. */
  private static @Nullable RuntimeException awaitListeners(List<PendingWrites<?, ?>> applied) {
    RuntimeException first = null;
    for (PendingWrites<?, ?> writes : applied) {
      try {
        writes.awaitListeners();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    return first;
  }

  /**
   * Drops the recorded writes.
   *
   * @throws IllegalStateException if the transaction is not active
   */
  public void rollback() {
    finish(end(Status.ROLLED_BACK, "roll back"), Status.ROLLED_BACK);
  }

  /** Rolls the transaction back if it is still active; does nothing otherwise. */
  @Override
  public void close() {
    List<PendingWrites<?, ?>> enlisted;
    synchronized (binding) {
      if (status != Status.ACTIVE) {
        return;
      }
      enlisted = end(Status.ROLLED_BACK, "roll back");
    }
    finish(enlisted, Status.ROLLED_BACK);
  }

  /** Leaves the active status for the given one and returns the caches written to, in order. */
  private List<PendingWrites<?, ?>> end(Status next, String action) {
    synchronized (binding) {
      if (status != Status.ACTIVE) {
        throw new IllegalStateException(
            "Cannot " + action + " this cache transaction: it is " + status.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + " already; begin a new one");
      }
      status = next;
      return new ArrayList<>(caches.values());
    }
  }

  /** Settles the final status, forgets the writes and unbinds the transaction. */
  private void finish(List<PendingWrites<?, ?>> enlisted, Status last) {
    synchronized (binding) {
      status = last;
      caches.clear();
    }
    enlisted.forEach(PendingWrites::discard);
    TransactionBinding.ended(binding);
  }

  @Override
  public String toString() {
    return "CacheTransaction[" + status + "]";
  }

  /** The transaction as the engine sees it; also the lock of its state and of every cache's writes. */
  private final class Binding implements TransactionBinding.Scope {

    CacheTransaction transaction() {
      return CacheTransaction.this;
    }

    @Override
    public boolean isActive() {
      return status == Status.ACTIVE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> @Nullable PendingWrites<K, V> writesOf(CacheEngine<K, V> cache, boolean enlist) {
      synchronized (this) {
        if (status != Status.ACTIVE) {
          throw new IllegalStateException(
              "The cache transaction of this thread ended (on another thread) while it was using cache "
                  + cache.getName());
        }
        PendingWrites<K, V> writes = (PendingWrites<K, V>) caches.get(cache);
        if (writes == null && enlist) {
          writes = PendingWrites.create(cache, this);
          caches.put(cache, writes);
        }
        return writes;
      }
    }
  }
}
