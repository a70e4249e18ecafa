package io.zenoo.cache.resilience;

import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link ResilientStore} does about the writes its fallback acknowledged during an outage: records
 * them ({@link OutageJournal}), says which keys are still <em>pending</em>, and reconciles them with the
 * remote store in the background.
 *
 * <p><b>Per key.</b> A key written or removed by the fallback is pending until its reconciliation is done:
 * every call on it is served by the fallback (which holds what this JVM last acknowledged), so no read
 * returns a value the remote store kept from before that write. Keys never written during the outage are
 * served by the remote store as soon as the circuit lets calls through. After a {@code clear} during the
 * outage (or more keys than the journal lists) every key is pending until the remote cache is cleared.
 *
 * <p><b>In the background.</b> {@link #request()} starts reconciliation on the JVM's recovery pool when
 * the store is degraded and the circuit is closed; callers never run it and never wait for it. It works in
 * rounds: take a snapshot of the journal, reconcile it (network I/O, no lock held), drop the snapshot's keys
 * from the fallback, forget them; a key written again meanwhile carries a newer generation and goes into
 * the next round. When a snapshot comes out empty, the write lock (which fallback writers take shared,
 * memory work only) is taken just to confirm the journal is still empty, empty the fallback and leave the
 * degraded state: it is never held across network I/O. Rounds shrink quickly, since a key leaves the
 * pending set as soon as it is reconciled and its later writes go to the remote store.
 *
 * <p><b>Failure.</b> A transient failure (the server went away again) counts against the circuit, and the
 * next successful call asks again. Any other failure (wrong credentials after a password change, a value
 * the codec cannot encode) cannot cure itself by waiting a call: it becomes the {@link #reason()} the
 * statistics show, is logged at ERROR once per change of reason, and reconciliation is tried again on the
 * retry back-off schedule (capped by {@code retry_backoff_max}) until it succeeds.
 *
 * <p>Thread safe. One reconciliation runs at a time per store.
 */
final class Recovery<K, V> {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final RemoteStore<K, V> remote;
  private final Store<K, V> fallback;
  private final OutageJournal<K> journal;
  private final Reconciler<K, V> reconciler;
  private final Circuit circuit;
  private final Backoff backoff;
  private final boolean replay;
  private final Executor executor;
  private final ScheduledExecutorService timer;
  private final Runnable onDegraded;
  /** Fallback writers hold it shared; the switch back to the remote store holds it alone, without I/O. */
  private final ReentrantReadWriteLock mode = new ReentrantReadWriteLock();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean degraded;
  private volatile boolean closed;
  /** Why reconciliation cannot succeed (a failure waiting does not cure), or null. */
  private volatile @Nullable String reason;
  /** System.nanoTime() before which no reconciliation starts again after such a failure, if waiting. */
  private volatile long notBefore;
  private volatile boolean waiting;
  private int lastingFailures; // guarded by running

  /**
   * @param executor runs reconciliations
   * @param timer schedules the next attempt after a failure waiting does not cure
   * @param onDegraded run when the store becomes degraded (to start the health checks that heal it)
   */
  Recovery(
      RemoteStore<K, V> remote,
      Store<K, V> fallback,
      OutageJournal<K> journal,
      Reconciler<K, V> reconciler,
      Circuit circuit,
      Backoff backoff,
      boolean replay,
      Executor executor,
      ScheduledExecutorService timer,
      Runnable onDegraded) {
    this.remote = remote;
    this.fallback = fallback;
    this.journal = journal;
    this.reconciler = reconciler;
    this.circuit = circuit;
    this.backoff = backoff;
    this.replay = replay;
    this.executor = executor;
    this.timer = timer;
    this.onDegraded = onDegraded;
  }

  /** Returns whether some write of the outage is not reconciled yet. */
  boolean isDegraded() {
    return degraded;
  }

  /**
   * Returns what keeps the store degraded, as a category for metrics: {@code none} (not degraded),
   * {@code unavailable} (the circuit is not closed), {@code reconciling} (under way) or {@code failing}
   * (reconciliation fails for a reason waiting does not cure; {@link #describe()} says which).
   */
  String cause() {
    if (!degraded) {
      return "none";
    }
    if (reason != null) {
      return "failing";
    }
    return circuit.isClosed() ? "reconciling" : "unavailable";
  }

  /** Returns why the store is degraded in a sentence naming the server, or the empty string when it is not. */
  String describe() {
    if (!degraded) {
      return "";
    }
    String lasting = reason;
    if (lasting != null) {
      return lasting;
    }
    if (!circuit.isClosed()) {
      return remote.server() + " is unavailable (circuit " + circuit.state() + "); the in-memory fallback serves";
    }
    return "reconciling the writes made during the outage with " + remote.server() + " (" + journal.size()
        + " keys pending)";
  }

  /** Returns whether calls on the key must be served by the fallback until it is reconciled. */
  boolean isPending(K key) {
    return degraded && journal.isPending(key);
  }

  /** Returns whether any of the keys is pending. */
  boolean anyPending(Collection<K> keys) {
    if (!degraded) {
      return false;
    }
    for (K key : keys) {
      if (journal.isPending(key)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the keys awaiting reconciliation. */
  int pending() {
    return journal.size();
  }

  /** Returns why reconciliation cannot succeed, or null when nothing but time is missing. */
  @Nullable String reason() {
    return reason;
  }

  /**
   * Runs a write on the fallback and records its keys once the fallback has them (recorded before, a write
   * could land after recovery read the key and be forgotten with it).
   */
  <T> T write(Collection<K> keys, Retrier.Call<T> onFallback) throws StoreAccessException {
    mode.readLock().lock();
    try {
      return onFallback.run();
    } finally {
      try {
        for (K key : keys) {
          journal.record(key);
        }
      } finally {
        becameDegraded();
        mode.readLock().unlock();
      }
    }
  }

  /** Clears the fallback and records that every key of the cache must be reconciled. */
  void clear() throws StoreAccessException {
    mode.readLock().lock();
    try {
      fallback.clear();
    } finally {
      journal.recordEverything(); // after the fallback changed, like every write
      becameDegraded();
      mode.readLock().unlock();
    }
  }

  private void becameDegraded() {
    if (!degraded) {
      degraded = true;
      onDegraded.run();
    }
  }

  /**
   * Starts reconciliation in the background if the store is degraded, none is running and the circuit lets
   * a call through (its first remote call is then the circuit's probe: reconciliation reports its outcome);
   * returns at once. Cheap when there is nothing to do: callers may ask on every call.
   */
  void request() {
    if (!degraded || closed || running.get() || (waiting && System.nanoTime() - notBefore < 0)) {
      return;
    }
    if (!running.compareAndSet(false, true)) {
      return;
    }
    if (!circuit.tryAcquire()) {
      running.set(false);
      return;
    }
    try {
      executor.execute(this::run);
    } catch (RuntimeException rejected) { // the JVM is stopping
      circuit.release();
      running.set(false);
    }
  }

  /** Stops for good: a running round finishes its current call, nothing new starts. */
  void close() {
    closed = true;
  }

  /** Reconciles, holding a circuit permission, and reports exactly one outcome for it. */
  private void run() {
    try {
      reconcile();
      circuit.onSuccess();
      waiting = false;
      if (reason != null) {
        LOG.info("{}: the writes made during the outage are reconciled now; no longer degraded", remote.server());
      }
      reason = null;
      lastingFailures = 0;
    } catch (StoreAccessException e) {
      if (e.kind().isTransient()) {
        circuit.onFailure(e); // away again; the next successful call asks again
        LOG.debug("Reconciling the outage's writes with {} failed; the fallback keeps serving: {}",
            remote.server(), e.getMessage());
      } else {
        circuit.onSuccess(); // the server answered: it is alive
        lasting(e.getMessage());
      }
    } catch (RuntimeException e) {
      circuit.onSuccess();
      lasting(e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      running.set(false);
    }
  }

  /** Reconciles round after round until the journal is empty, then leaves the degraded state. */
  private void reconcile() throws StoreAccessException {
    while (!closed) {
      OutageJournal.Snapshot<K> snapshot = journal.snapshot();
      if (!snapshot.keys().isEmpty() || snapshot.everything()) {
        reconciler.reconcile(snapshot); // network I/O: no lock held
        settle(snapshot);
        continue;
      }
      mode.writeLock().lock(); // waits only for fallback writers in memory
      try {
        if (journal.isEmpty()) {
          fallback.clear();
          degraded = false;
          break;
        }
      } finally {
        mode.writeLock().unlock();
      }
    }
    if (!closed) {
      LOG.info("{} serves again: the writes made during the outage are reconciled ({})", remote.server(),
          replay ? "replayed" : "invalidated");
    }
  }

  /**
   * Drops what the snapshot reconciled from the fallback, then forgets it. A write landing in between is
   * recorded with a newer generation and stays pending; if its value was dropped, the next round finds
   * nothing and deletes the key remotely: a miss, never a stale value.
   */
  private void settle(OutageJournal.Snapshot<K> snapshot) throws StoreAccessException {
    if (snapshot.everything()) {
      mode.writeLock().lock(); // memory only: what fallback writers put there since the clear goes too
      try {
        fallback.clear();
        journal.settled(snapshot);
      } finally {
        mode.writeLock().unlock();
      }
      return;
    }
    for (K key : snapshot.keys().keySet()) {
      fallback.compute(key, current -> null);
    }
    journal.settled(snapshot);
  }

  private void lasting(String why) {
    lastingFailures++;
    long delay = backoff.delayNanos(lastingFailures + 1L);
    notBefore = System.nanoTime() + delay;
    waiting = true;
    String message = remote.server() + " cannot be reconciled with the writes made during the outage: " + why;
    if (!message.equals(reason)) {
      reason = message;
      LOG.error("{}. The cache stays degraded (served by the in-memory fallback of this JVM, not shared with "
          + "other JVMs) and tries again in the background; fix the cause (credentials, ACL, codec) and it "
          + "heals by itself", message);
    }
    try {
      timer.schedule(this::request, delay, TimeUnit.NANOSECONDS);
    } catch (RuntimeException rejected) { // the JVM is stopping
      LOG.debug("Not retrying the reconciliation of {}: the timer is shut down", remote.server());
    }
  }
}
