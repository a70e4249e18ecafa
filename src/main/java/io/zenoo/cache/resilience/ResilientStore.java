package io.zenoo.cache.resilience;

import io.zenoo.cache.CacheUnavailableException;
import io.zenoo.cache.internal.Resources;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Store} decorator that keeps a cache serving while its remote store does not: every call goes
 * through a {@link Circuit} and a {@link Retrier}; what still fails, or is not sent because the circuit is
 * open, is served by an in-memory fallback store when there is one, or fails quickly with a
 * {@link StoreUnavailableException} when there is none.
 *
 * <p><b>No stale reads after recovery.</b> Writes and removals served by the fallback are recorded, and
 * the store is then <em>degraded</em> until they are reconciled with the remote store (their keys deleted
 * there, or with {@code replay} their fallback values written back): see {@link Recovery}. Calls on a key
 * still pending are served by the fallback, so a read never returns a value the remote store held from
 * before a write this JVM acknowledged during the outage; reconciliation runs in the background, never on
 * a caller's thread, and holds no lock across network I/O.
 *
 * <p><b>Deadlines.</b> A call takes at most {@code retry_attempts} remote attempts, each bounded by the
 * client's command timeout, plus the back-off between them; with the circuit open it sends nothing.
 *
 * <p><b>Health.</b> After {@link #connect()} or the first failure, a PING every
 * {@code health_check_interval} (on the owner's health-check thread) keeps the statistics current,
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

  private final RemoteStore<K, V> remote;
  private final @Nullable Store<K, V> fallback;
  private final ResilienceSettings settings;
  private final Circuit circuit;
  private final Retrier retrier;
  private final @Nullable Recovery<K, V> recovery;
  private final LongAdder fallbackHits = new LongAdder();
  private volatile boolean closed;
  private final HealthCheck healthCheck;
  private final ScheduledExecutorService healthTimer;
  private final @Nullable AutoCloseable circuitLease;
  private final AutoCloseable reconnects;

  private ResilientStore(
      RemoteStore<K, V> remote,
      @Nullable Store<K, V> fallback,
      ResilienceSettings settings,
      Clock clock,
      Circuit circuit,
      @Nullable AutoCloseable circuitLease,
      Sleeper sleeper,
      Resources resources) {
    this.remote = remote;
    this.circuitLease = circuitLease;
    this.fallback = settings.fallbackEnabled() ? fallback : null;
    if (settings.fallbackEnabled() && fallback == null) {
      throw new IllegalArgumentException("a fallback store is required when the fallback is enabled");
    }
    this.settings = settings;
    this.circuit = circuit;
    this.retrier = new Retrier(settings.retryAttempts(), settings.backoff(), sleeper, Timers.retries(resources));
    this.healthTimer = Timers.health(resources);
    this.healthCheck = new HealthCheck(
        remote, circuit, clock, settings.healthCheckInterval(), healthTimer, this::afterSuccess);
    Store<K, V> local = this.fallback;
    this.recovery = local == null
        ? null
        : new Recovery<>(
            remote,
            local,
            new OutageJournal<>(settings.journalLimit()),
            new Reconciler<>(remote, local, retrier, clock, settings.replay()),
            circuit,
            settings.backoff(),
            settings.replay(),
            Timers.recovery(resources),
            Timers.retries(resources),
            this::startHealthChecks);
    this.reconnects = remote.onConnected(this::reconnected);
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
    return new ResilientStore<>(remote, fallback, settings, clock, circuit, null, sleeper, Resources.shared());
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
    return createShared(remote, fallback, settings, clock, sleeper, server, Resources.shared());
  }

  /**
   * Returns a resilient store as {@link #createShared(RemoteStore, Store, ResilienceSettings, Clock, Sleeper,
   * Object)} does, with its circuit shared among the stores of the same {@code resources} only and its
   * timers (retries, health checks) on their threads.
   */
  public static <K, V> ResilientStore<K, V> createShared(
      RemoteStore<K, V> remote,
      @Nullable Store<K, V> fallback,
      ResilienceSettings settings,
      Clock clock,
      Sleeper sleeper,
      Object server,
      Resources resources) {
    SharedCircuits.Lease lease = SharedCircuits.in(resources).acquire(
        server, remote.server(), settings.circuitBreakerThreshold(), settings.circuitBreakerTimeout());
    try {
      return new ResilientStore<>(remote, fallback, settings, clock, lease.circuit(), lease, sleeper, resources);
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
    return read(useRemote(key), () -> remote.get(key), () -> local().get(key));
  }

  @Override
  public @Nullable StoreEntry<V> peek(K key) throws StoreAccessException {
    return read(useRemote(key), () -> remote.peek(key), () -> local().peek(key));
  }

  @Override
  public Map<K, StoreEntry<V>> getAll(Collection<K> keys) throws StoreAccessException {
    return read(useRemote(keys), () -> remote.getAll(keys), () -> local().getAll(keys));
  }

  @Override
  public CompletionStage<@Nullable StoreEntry<V>> getAsync(K key) {
    if (!useRemote(key)) {
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
    if (!useRemote(key)) {
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
    if (!useRemote(key)) {
      return fallbackAsync(keys, () -> local().compute(key, remapping));
    }
    return settle(
        retrier.callAsync(() -> remote.computeAsync(key, remapping), false),
        keys,
        () -> local().compute(key, remapping));
  }

  /**
   * Clears the remote cache; while the remote store cannot be used, or while any write of an outage is
   * pending (its replay must not land after the clear), clears the fallback and records that the whole
   * remote cache is to be cleared on recovery.
   */
  @Override
  public void clear() throws StoreAccessException {
    boolean onRemote = (recovery == null || !recovery.isDegraded()) && circuit.tryAcquire();
    serve(onRemote, () -> {
      remote.clear();
      return null;
    }, true, () -> {
      fallbackHits.increment();
      recovery().clear();
      return null;
    });
  }

  // ---------------------------------------------------------------- whole-store views

  /**
   * Returns the remote cache's count; while degraded or while the circuit is not closed, the fallback's
   * (what this JVM wrote during the outage). A statistic: never throws, -1 when unknown.
   */
  @Override
  public long size() {
    if (!isDegraded() && circuit.isClosed()) {
      long count = remote.size();
      if (count >= 0 || fallback == null) {
        return count;
      }
    }
    return fallback != null ? fallback.size() : -1;
  }

  /**
   * Walks the remote cache; while degraded, or when the circuit does not let the call through, or when the
   * remote store fails before the first entry, walks the fallback instead (what this JVM wrote during the
   * outage); without a fallback, that is a {@link CacheUnavailableException}. A failure after entries were
   * returned ends the walk early (logged), as a weakly consistent iterator may.
   */
  @Override
  public Iterator<? extends Map.Entry<K, ? extends StoreEntry<V>>> iterator() {
    if (!isDegraded() && circuit.tryAcquire()) {
      return new GuardedIterator<>(remote.iterator(), this::iterationFailed, this::succeeded);
    }
    return fallbackIterator(null);
  }

  private Iterator<? extends Map.Entry<K, ? extends StoreEntry<V>>> fallbackIterator(
      @Nullable StoreAccessException cause) {
    if (fallback == null) {
      StoreUnavailableException unavailable = unavailable(cause);
      throw new CacheUnavailableException(unavailable.getMessage(), unavailable);
    }
    fallbackHits.increment();
    return fallback.iterator();
  }

  /** What a remote walk that failed goes on with: the fallback's entries, or nothing. */
  private Iterator<? extends Map.Entry<K, ? extends StoreEntry<V>>> iterationFailed(
      StoreAccessException e, boolean returnedAny) {
    if (!e.kind().isTransient()) {
      circuit.onSuccess(); // the server answered
      throw new javax.cache.CacheException(e.getMessage(), e);
    }
    circuit.onFailure(e);
    startHealthChecks();
    if (!returnedAny) {
      return fallbackIterator(e);
    }
    LOG.warn("Iterating {} stopped early: {}", remote.server(), e.getMessage());
    return java.util.Collections.emptyIterator();
  }

  @Override
  public void close() {
    closed = true;
    healthCheck.stop();
    try {
      reconnects.close();
    } catch (Exception e) {
      LOG.debug("Stopping the reconnection notices of {} failed", remote.server(), e);
    }
    if (recovery != null) {
      recovery.close();
    }
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

  /** Returns whether some write served by the fallback is not reconciled with the remote store yet. */
  public boolean isDegraded() {
    return recovery != null && recovery.isDegraded();
  }

  /** Returns the keys written during the outage and not reconciled yet. */
  public int pendingReconciliation() {
    return recovery != null ? recovery.pending() : 0;
  }

  /**
   * Returns what keeps the store degraded, as a category for metrics: {@code none}, {@code unavailable},
   * {@code reconciling} or {@code failing} (see {@link Recovery#cause()}).
   */
  public String degradedCause() {
    return recovery != null ? recovery.cause() : "none";
  }

  /** Returns why the store is degraded in a sentence, or the empty string when it is not. */
  public String degradedReason() {
    return recovery != null ? recovery.describe() : "";
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

  private <T> T read(boolean onRemote, Retrier.Call<T> remoteCall, Retrier.Call<T> onFallback)
      throws StoreAccessException {
    return serve(onRemote, remoteCall, true, () -> {
      fallbackHits.increment();
      return onFallback.run();
    });
  }

  private <T> T write(
      Collection<K> keys, Retrier.Call<T> onRemote, Retrier.Call<T> onFallback, boolean idempotent)
      throws StoreAccessException {
    return serve(useRemote(keys), onRemote, idempotent, () -> degradedWrite(keys, onFallback));
  }

  /**
   * Runs the call on the remote store when the circuit lets it through (retried as the call allows, its
   * outcome reported to the circuit), otherwise or when it fails for want of the store, on the fallback;
   * without a fallback, that is a {@link StoreUnavailableException}. An error answer, and an exception of
   * the caller's own code (a writer, an entry processor), reach the caller as they are.
   */
  private <T> T serve(boolean useRemote, Retrier.Call<T> onRemote, boolean idempotent, Retrier.Call<T> onFallback)
      throws StoreAccessException {
    if (useRemote) {
      try {
        T value = retrier.call(onRemote, idempotent);
        succeeded();
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

  /** Serves a write from the fallback and records its keys for reconciliation ({@link Recovery#write}). */
  private <T> T degradedWrite(Collection<K> keys, Retrier.Call<T> onFallback) throws StoreAccessException {
    fallbackHits.increment();
    return recovery().write(keys, onFallback);
  }

  /**
   * Records a remote failure with the circuit; rethrows what the fallback must not hide (an error answer,
   * or any failure when there is no fallback); returns when the fallback is to serve.
   */
  private void failed(StoreAccessException e) throws StoreAccessException {
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
        succeeded();
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
   * Decides where a call on the key goes: to the fallback while the key awaits reconciliation (asking for
   * reconciliation, which runs in the background), else to the remote store if the circuit lets it through.
   * After {@code true}, the caller holds a circuit permission and reports exactly one outcome.
   */
  private boolean useRemote(K key) {
    Recovery<K, V> r = recovery;
    if (r != null && r.isPending(key)) {
      r.request();
      return false;
    }
    return circuit.tryAcquire();
  }

  /** {@link #useRemote(Object)} for a call on several keys: the fallback serves it if any is pending. */
  private boolean useRemote(Collection<K> keys) {
    Recovery<K, V> r = recovery;
    if (r != null && r.anyPending(keys)) {
      r.request();
      return false;
    }
    return circuit.tryAcquire();
  }

  /** Reports a successful remote call; a degraded store then reconciles (in the background). */
  private void succeeded() {
    circuit.onSuccess();
    Recovery<K, V> r = recovery;
    if (r != null && r.isDegraded()) {
      r.request();
    }
  }

  /** After a successful health check: reconcile a degraded store even when no caller comes. */
  private void afterSuccess() {
    Recovery<K, V> r = recovery;
    if (r != null) {
      r.request();
    }
  }

  /**
   * The client reconnected: probe now (on the health-check thread, never the client's), ending the circuit's
   * OPEN wait; a successful PING closes it and starts reconciliation.
   */
  private void reconnected() {
    if (closed) {
      return;
    }
    try {
      healthTimer.execute(() -> {
        if (!closed) {
          circuit.probeNow();
          healthCheck.run();
        }
      });
    } catch (RuntimeException rejected) { // the JVM is stopping
      LOG.debug("Not probing {} after its reconnection: the timer is shut down", remote.server());
    }
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

  private Recovery<K, V> recovery() {
    Recovery<K, V> r = recovery;
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
