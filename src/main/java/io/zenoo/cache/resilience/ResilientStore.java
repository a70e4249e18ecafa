package io.zenoo.cache.resilience;

import io.zenoo.cache.CacheUnavailableException;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreEntry;
import io.zenoo.cache.store.StoreUnavailableException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Store} decorator that keeps a cache serving while its remote store does not: every call goes
 * through a {@link Circuit} and a {@link Retrier}; what still fails, or is not sent because the circuit is
 * open, is served by an in-memory fallback store when there is one, or fails quickly with a
 * {@link StoreUnavailableException} when there is none.
 *
 * <p><b>No stale reads after recovery.</b> Writes and removals served by the fallback are recorded in an
 * {@link OutageJournal}, and the store is then <em>degraded</em>: every call goes to the fallback until
 * the journal has been reconciled with the remote store (its keys deleted there, or with {@code replay}
 * their fallback values written back with their remaining time to live) and the fallback emptied. So a
 * read never returns a value the remote store held from before a write this JVM acknowledged during the
 * outage. Reconciliation is done by the first caller (or health check) the circuit lets through, in
 * rounds while other writers go on, and a last round with fallback writers held off.
 *
 * <p><b>Deadlines.</b> A call takes at most {@code retry_attempts} remote attempts, each bounded by the
 * client's command timeout, plus the back-off between them; with the circuit open it sends nothing.
 *
 * <p><b>Health.</b> After {@link #connect()} or the first failure, a PING every
 * {@code health_check_interval} (on the JVM's one health-check thread) keeps the statistics current,
 * counts against the circuit like any call, and reconciles a degraded store when the server is back even
 * if no caller comes.
 *
 * <p>Thread safe.
 *
 * @param <K> the key type
 * @param <V> the stored value type
 */
public final class ResilientStore<K, V> implements Store<K, V> {

  private static final Logger LOG = LoggerFactory.getLogger(ResilientStore.class);
  private static final int RECONCILE_ROUNDS = 3;

  private final RemoteStore<K, V> remote;
  private final @Nullable Store<K, V> fallback;
  private final ResilienceSettings settings;
  private final Circuit circuit;
  private final Retrier retrier;
  private final OutageJournal<K> journal;
  private final @Nullable Reconciler<K, V> reconciler;
  private final Clock clock;
  private final ReentrantReadWriteLock mode = new ReentrantReadWriteLock();
  private final ReentrantLock recovering = new ReentrantLock();
  private final LongAdder fallbackHits = new LongAdder();
  private volatile boolean degraded;
  private volatile boolean closed;
  private final HealthCheck healthCheck;
  private final @Nullable AutoCloseable circuitLease;

  private ResilientStore(
      RemoteStore<K, V> remote,
      @Nullable Store<K, V> fallback,
      ResilienceSettings settings,
      Clock clock,
      Circuit circuit,
      @Nullable AutoCloseable circuitLease,
      Sleeper sleeper) {
    this.remote = remote;
    this.circuitLease = circuitLease;
    this.fallback = settings.fallbackEnabled() ? fallback : null;
    if (settings.fallbackEnabled() && fallback == null) {
      throw new IllegalArgumentException("a fallback store is required when the fallback is enabled");
    }
    this.settings = settings;
    this.circuit = circuit;
    this.retrier = new Retrier(settings.retryAttempts(), settings.backoff(), sleeper, Timers.retries());
    this.journal = new OutageJournal<>(settings.journalLimit());
    this.clock = clock;
    this.healthCheck = new HealthCheck(remote, circuit, clock, settings.healthCheckInterval(), () -> {
      if (degraded && useRemote()) {
        circuit.onSuccess(); // reconciled; the permission useRemote took is not used for a call
      }
    });
    this.reconciler = this.fallback == null
        ? null
        : new Reconciler<>(remote, this.fallback, retrier, clock, settings.replay());
  }

  /**
   * Returns a resilient store over the remote one; nothing starts until {@link #connect()} or the first
   * failure.
   *
   * @param fallback the in-memory store that serves while the remote one cannot (ignored, and may be null,
   *     when the settings disable the fallback)
   * @param clock the engine's clock, for the expiry of replayed entries
   * @param circuitClock the time source of the circuit's OPEN wait
   * @param sleeper waits between retries
   */
  public static <K, V> ResilientStore<K, V> create(
      RemoteStore<K, V> remote,
      @Nullable Store<K, V> fallback,
      ResilienceSettings settings,
      Clock clock,
      java.time.Clock circuitClock,
      Sleeper sleeper) {
    Circuit circuit = new Circuit(
        remote.server(), settings.circuitBreakerThreshold(), settings.circuitBreakerTimeout(), circuitClock);
    return new ResilientStore<>(remote, fallback, settings, clock, circuit, null, sleeper);
  }

  /**
   * Returns a resilient store over the remote one whose circuit is shared with every other store created
   * this way for an equal {@code server} and the same threshold and timeout (see {@link SharedCircuits}):
   * one cache's failures open it for all of them. On the system clock. Nothing starts until
   * {@link #connect()} or the first failure.
   *
   * @param server identifies the server and how it is reached; equal for the caches that share a circuit
   */
  public static <K, V> ResilientStore<K, V> createShared(
      RemoteStore<K, V> remote,
      @Nullable Store<K, V> fallback,
      ResilienceSettings settings,
      Clock clock,
      Sleeper sleeper,
      Object server) {
    SharedCircuits.Lease lease = SharedCircuits.acquire(
        server, remote.server(), settings.circuitBreakerThreshold(), settings.circuitBreakerTimeout());
    try {
      return new ResilientStore<>(remote, fallback, settings, clock, lease.circuit(), lease, sleeper);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /**
   * Connects now. When the remote store cannot be reached and a fallback is enabled, the store starts
   * degraded with its circuit open, serves from the fallback, and heals by itself when the server
   * appears; without a fallback the failure is thrown.
   */
  public void connect() throws StoreAccessException {
    startHealthChecks();
    try {
      retrier.call(() -> {
        remote.connect();
        return null;
      }, true);
    } catch (StoreAccessException e) {
      if (!e.kind().isTransient()) {
        throw e;
      }
      if (fallback == null) {
        throw unavailable(e);
      }
      circuit.open();
      LOG.warn("{} cannot be reached at start-up; serving from the in-memory fallback until it can: {}",
          remote.server(), e.getMessage());
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  public @Nullable StoreEntry<V> get(K key) throws StoreAccessException {
    return read(() -> remote.get(key), () -> local().get(key));
  }

  @Override
  public @Nullable StoreEntry<V> peek(K key) throws StoreAccessException {
    return read(() -> remote.peek(key), () -> local().peek(key));
  }

  @Override
  public Map<K, StoreEntry<V>> getAll(Collection<K> keys) throws StoreAccessException {
    return read(() -> remote.getAll(keys), () -> local().getAll(keys));
  }

  @Override
  public CompletionStage<@Nullable StoreEntry<V>> getAsync(K key) {
    if (!useRemote()) {
      return fallbackAsync(null, () -> local().get(key));
    }
    return settle(retrier.callAsync(() -> remote.getAsync(key), true), null, () -> local().get(key));
  }

  // ---------------------------------------------------------------- writes

  @Override
  public @Nullable StoreEntry<V> compute(K key, Remapping<V> remapping) throws StoreAccessException {
    return write(List.of(key), () -> remote.compute(key, remapping), () -> local().compute(key, remapping), false);
  }

  @Override
  public @Nullable StoreEntry<V> put(K key, V value, long expireAt) throws StoreAccessException {
    return write(List.of(key), () -> remote.put(key, value, expireAt), () -> local().put(key, value, expireAt), true);
  }

  @Override
  public List<@Nullable StoreEntry<V>> putAll(Map<K, V> entries, long expireAt) throws StoreAccessException {
    return write(
        entries.keySet(), () -> remote.putAll(entries, expireAt), () -> local().putAll(entries, expireAt), true);
  }

  /**
   * Applies the batch in the remote store (atomically there, when it can); while the remote store cannot be
   * used, in the fallback, recording every key. Not retried after a timeout: the batch may have been applied.
   */
  @Override
  public Map<K, StoreEntry<V>> writeAll(Map<K, @Nullable StoreEntry<V>> writes) throws StoreAccessException {
    return write(writes.keySet(), () -> remote.writeAll(writes), () -> local().writeAll(writes), false);
  }

  @Override
  public void updateExpiry(K key, StoreEntry<V> entry, long expireAt) throws StoreAccessException {
    write(List.of(key), () -> {
      remote.updateExpiry(key, entry, expireAt);
      return null;
    }, () -> {
      local().updateExpiry(key, entry, expireAt);
      return null;
    }, true);
  }

  @Override
  public CompletionStage<@Nullable StoreEntry<V>> putAsync(K key, V value, long expireAt) {
    List<K> keys = List.of(key);
    if (!useRemote()) {
      return fallbackAsync(keys, () -> local().put(key, value, expireAt));
    }
    return settle(
        retrier.callAsync(() -> remote.putAsync(key, value, expireAt), true),
        keys,
        () -> local().put(key, value, expireAt));
  }

  @Override
  public CompletionStage<@Nullable StoreEntry<V>> computeAsync(K key, Remapping<V> remapping) {
    List<K> keys = List.of(key);
    if (!useRemote()) {
      return fallbackAsync(keys, () -> local().compute(key, remapping));
    }
    return settle(
        retrier.callAsync(() -> remote.computeAsync(key, remapping), false),
        keys,
        () -> local().compute(key, remapping));
  }

  @Override
  public void clear() throws StoreAccessException {
    serve(() -> {
      remote.clear();
      return null;
    }, true, () -> {
      mode.readLock().lock();
      try {
        degraded = true;
        fallbackHits.increment();
        local().clear();
        return null;
      } finally {
        journal.recordEverything(); // after the fallback changed, like every write
        mode.readLock().unlock();
      }
    });
  }

  // ---------------------------------------------------------------- whole-store views

  @Override
  public long size() {
    if (!degraded && circuit.isClosed()) {
      return remote.size();
    }
    return fallback != null ? fallback.size() : -1;
  }

  @Override
  public Iterator<? extends Map.Entry<K, ? extends StoreEntry<V>>> iterator() {
    if (!degraded && circuit.isClosed()) {
      return remote.iterator();
    }
    if (fallback == null) {
      throw new CacheUnavailableException(unavailable(null).getMessage(), unavailable(null));
    }
    fallbackHits.increment();
    return fallback.iterator();
  }

  @Override
  public void close() {
    closed = true;
    healthCheck.stop();
    try {
      remote.close();
    } finally {
      try {
        if (fallback != null) {
          fallback.close();
        }
      } finally {
        releaseCircuit();
      }
    }
  }

  private void releaseCircuit() {
    if (circuitLease != null) {
      try {
        circuitLease.close();
      } catch (Exception e) {
        LOG.debug("Releasing the shared circuit of {} failed", remote.server(), e);
      }
    }
  }

  // ---------------------------------------------------------------- statistics

  /** Returns the remote store this one decorates. */
  public RemoteStore<K, V> remote() {
    return remote;
  }

  /** Returns the circuit's state: closed, open or half_open. */
  public String circuitState() {
    return circuit.state();
  }

  /** Returns how many times the circuit opened. */
  public long circuitBreakerTrips() {
    return circuit.trips();
  }

  /** Returns the circuit's last transitions (up to 16), oldest first, such as {@code closed→open}. */
  public List<String> circuitHistory() {
    return circuit.history();
  }

  /** Returns how many operations the fallback served. */
  public long fallbackHits() {
    return fallbackHits.sum();
  }

  /** Returns whether calls are served by the fallback until the outage's writes are reconciled. */
  public boolean isDegraded() {
    return degraded;
  }

  /** Returns the keys written during the outage and not reconciled yet. */
  public int pendingReconciliation() {
    return journal.size();
  }

  /** Returns the remote store is usable as far as this layer knows: connected and the circuit not open. */
  public boolean isConnected() {
    return remote.isConnected() && !"open".equals(circuit.state());
  }

  /** Returns the outcome of the last health check: never, ok, or failed with the reason. */
  public String lastHealthCheck() {
    return healthCheck.last();
  }

  /** Returns the round-trip time of the last successful health check in milliseconds, or -1. */
  public double healthCheckLatencyMillis() {
    return healthCheck.latencyMillis();
  }

  // ---------------------------------------------------------------- routing

  private <T> T read(Retrier.Call<T> onRemote, Retrier.Call<T> onFallback) throws StoreAccessException {
    return serve(onRemote, true, () -> {
      fallbackHits.increment();
      return onFallback.run();
    });
  }

  private <T> T write(
      Collection<K> keys, Retrier.Call<T> onRemote, Retrier.Call<T> onFallback, boolean idempotent)
      throws StoreAccessException {
    return serve(onRemote, idempotent, () -> degradedWrite(keys, onFallback));
  }

  /**
   * Runs the call on the remote store when the circuit lets it through (retried as the call allows, its
   * outcome reported to the circuit), otherwise or when it fails for want of the store, on the fallback;
   * without a fallback, that is a {@link StoreUnavailableException}. An error answer, and an exception of
   * the caller's own code (a writer, an entry processor), reach the caller as they are.
   */
  private <T> T serve(Retrier.Call<T> onRemote, boolean idempotent, Retrier.Call<T> onFallback)
      throws StoreAccessException {
    if (useRemote()) {
      try {
        T value = retrier.call(onRemote, idempotent);
        circuit.onSuccess();
        return value;
      } catch (StoreAccessException e) {
        failed(e);
      } catch (RuntimeException | Error e) {
        circuit.onSuccess(); // not the store's failure
        throw e;
      }
    } else if (fallback == null) {
      throw unavailable(null);
    }
    return onFallback.run();
  }

  /**
   * Serves a write from the fallback, with recovery's last round held off, and records its keys once the
   * fallback has them (see {@link OutageJournal}: recorded before, a write could land after recovery read
   * the key and be forgotten with it).
   */
  private <T> T degradedWrite(Collection<K> keys, Retrier.Call<T> onFallback) throws StoreAccessException {
    mode.readLock().lock();
    try {
      if (!degraded) {
        degraded = true;
        startHealthChecks(); // reconciles once the server is back, even if no caller of this cache comes
      }
      fallbackHits.increment();
      return onFallback.run();
    } finally {
      try {
        for (K key : keys) {
          journal.record(key);
        }
      } finally {
        mode.readLock().unlock();
      }
    }
  }

  /**
   * Records a remote failure with the circuit; rethrows what the fallback must not hide (an error answer,
   * or any failure when there is no fallback); returns when the fallback is to serve.
   */
  private void failed(StoreAccessException e) throws StoreAccessException {
    if (e.kind() == StoreAccessException.Kind.LOCAL) {
      circuit.release(); // nothing was learnt about the server: a half-open probe is still to come
      throw e;
    }
    if (!e.kind().isTransient()) {
      circuit.onSuccess(); // the server answered: it is alive
      throw e;
    }
    circuit.onFailure(e);
    startHealthChecks();
    if (fallback == null) {
      throw unavailable(e);
    }
  }

  private CompletionStage<@Nullable StoreEntry<V>> settle(
      CompletionStage<@Nullable StoreEntry<V>> remoteCall,
      @Nullable Collection<K> writtenKeys,
      Retrier.Call<@Nullable StoreEntry<V>> onFallback) {
    return remoteCall.handle((value, error) -> {
      if (error == null) {
        circuit.onSuccess();
        return CompletableFuture.completedFuture(value);
      }
      Throwable cause = Retrier.unwrap(error);
      if (!(cause instanceof StoreAccessException e)) {
        circuit.onSuccess();
        return CompletableFuture.<@Nullable StoreEntry<V>>failedFuture(cause);
      }
      try {
        failed(e);
      } catch (StoreAccessException thrown) {
        return CompletableFuture.<@Nullable StoreEntry<V>>failedFuture(thrown);
      }
      return fallbackAsync(writtenKeys, onFallback);
    }).thenCompose(stage -> stage);
  }

  private CompletionStage<@Nullable StoreEntry<V>> fallbackAsync(
      @Nullable Collection<K> writtenKeys, Retrier.Call<@Nullable StoreEntry<V>> onFallback) {
    if (fallback == null) {
      return CompletableFuture.failedFuture(unavailable(null));
    }
    try {
      if (writtenKeys == null) {
        fallbackHits.increment();
        return CompletableFuture.completedFuture(onFallback.run());
      }
      return CompletableFuture.completedFuture(degradedWrite(writtenKeys, onFallback));
    } catch (StoreAccessException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Asks the circuit to let a call through; when the store is degraded, reconciles the outage's writes
   * first (or, if another thread is doing so, declines). After {@code true}, the caller holds a
   * permission and reports exactly one outcome to the circuit.
   */
  private boolean useRemote() {
    if (!circuit.tryAcquire()) {
      return false;
    }
    if (!degraded) {
      return true;
    }
    if (!recovering.tryLock()) {
      circuit.release(); // another thread is reconciling; the fallback serves meanwhile
      return false;
    }
    try {
      if (!degraded) {
        return true;
      }
      try {
        recover();
        circuit.onSuccess();
      } catch (StoreAccessException e) {
        if (e.kind().isTransient()) {
          circuit.onFailure(e); // still down: the circuit's transitions say so in the log
          LOG.debug("Reconciling the outage's writes with {} failed; the fallback keeps serving: {}",
              remote.server(), e.getMessage());
        } else {
          circuit.onSuccess();
          LOG.warn("Reconciling the outage's writes with {} failed; the fallback keeps serving: {}",
              remote.server(), e.getMessage());
        }
        return false;
      } catch (RuntimeException e) {
        circuit.onSuccess();
        LOG.warn("Reconciling the writes made during the outage with {} failed", remote.server(), e);
        return false;
      }
    } finally {
      recovering.unlock();
    }
    return circuit.tryAcquire();
  }

  /** Reconciles the journal with the remote store, then leaves the degraded mode. Holds {@link #recovering}. */
  private void recover() throws StoreAccessException {
    for (int round = 0; round < RECONCILE_ROUNDS && !journal.isEmpty(); round++) {
      OutageJournal.Snapshot<K> snapshot = journal.snapshot();
      reconciler().reconcile(snapshot);
      journal.settled(snapshot);
    }
    int reconciled;
    mode.writeLock().lock();
    try {
      OutageJournal.Snapshot<K> snapshot = journal.snapshot();
      reconciler().reconcile(snapshot);
      journal.settled(snapshot);
      reconciled = snapshot.keys().size();
      local().clear();
      degraded = false;
    } finally {
      mode.writeLock().unlock();
    }
    LOG.info("{} serves again: the writes made during the outage are reconciled ({} in the last round, {})",
        remote.server(), reconciled, settings.replay() ? "replayed" : "invalidated");
  }

  private void startHealthChecks() {
    healthCheck.start();
  }

  /** Runs one health check now (the timer runs them every {@code health_check_interval}). */
  void checkHealth() {
    if (!closed) {
      healthCheck.run();
    }
  }

  private Reconciler<K, V> reconciler() {
    Reconciler<K, V> r = reconciler;
    if (r == null) {
      throw new IllegalStateException("no fallback store, so nothing to reconcile");
    }
    return r;
  }

  private Store<K, V> local() {
    Store<K, V> store = fallback;
    if (store == null) {
      throw new IllegalStateException("no fallback store");
    }
    return store;
  }

  private StoreUnavailableException unavailable(@Nullable StoreAccessException cause) {
    String why = cause != null
        ? cause.getMessage()
        : "its circuit is " + circuit.state() + " after " + settings.circuitBreakerThreshold()
            + " consecutive failures; calls are not sent to it until circuit_breaker_timeout ("
            + settings.circuitBreakerTimeout() + ") has passed";
    String message = remote.server() + " is unavailable and no fallback is enabled: " + why;
    return cause != null ? new StoreUnavailableException(message, cause) : new StoreUnavailableException(message);
  }
}
