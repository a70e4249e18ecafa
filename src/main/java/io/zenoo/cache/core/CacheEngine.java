package io.zenoo.cache.core;

import static java.util.Objects.requireNonNull;

import io.zenoo.cache.CacheAccessException;
import io.zenoo.cache.CacheStats;
import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.event.EventDispatcher;
import io.zenoo.cache.integration.CacheLoaderAdapter;
import io.zenoo.cache.integration.CacheWriterAdapter;
import io.zenoo.cache.management.CacheStatistics;
import io.zenoo.cache.serialization.CodecException;
import io.zenoo.cache.serialization.Copier;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreEntry;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;
import org.jspecify.annotations.Nullable;

/**
 * JCache semantics, written once, over a {@link Store}. MemoryCache and RedisCache are thin subclasses
 * that choose the store and add what their backend reports.
 *
 * <p><b>What.</b> Every {@link Cache} operation: expiry per the spec's table (creation on a new entry,
 * update on a replaced value, access on a read, none on {@code containsKey}), entry events, JCache
 * statistics, read-through and write-through, entry processors, store-by-value copying, and the closed,
 * null and type checks in the order the TCK expects.
 *
 * <p><b>Layout.</b> This class holds the cache's state, the hot paths ({@code get}, {@code put}) on its own
 * fields, and the per-key write step every write shares: {@code compute} runs a write decision as one store
 * compute, {@code liveOrExpire} turns an expired entry into its EXPIRED event, and the put and removal
 * decisions serve the synchronous, asynchronous and bulk forms alike. The other operations it hands to
 * package-private collaborators in this package, each with one job: {@code ConditionalWrites}
 * (putIfAbsent, getAndPut, replace, remove), {@code BulkOperations} (getAll, putAll, removeAll, clear),
 * {@code Loading} (read-through, loadAll), {@code EntryProcessors} (invoke, invokeAll),
 * {@code AsyncOperations} (the seed's asynchronous forms), {@code EntryIterator} and
 * {@code EngineManagement} (MXBeans, the configuration snapshot).
 *
 * <p><b>Concurrency.</b> Each write to a key that depends on the entry it replaces is one
 * {@link Store#compute}: the expiry policy, the writer, the entry processor and event publication run
 * inside it, so no other write to that key interleaves and events of a key are published in write order.
 * A remote store may run that decision more than once (a lost compare-and-set, a retry, the fallback):
 * {@link WriteAttempt} sees to it that the writer, events and statistics still happen once per call. A
 * put that needs nothing of the old entry (no writer, no listener, an expiry that ignores whether the entry
 * existed) is one plain {@link Store#put} instead, and such a {@code putAll} one {@code Store.putAll}.
 * Synchronous listeners are awaited after the write, before the call returns. Reads take no lock.
 *
 * <p><b>Failure.</b> A writer failure leaves the entry as it was; a loader failure stores nothing; a store
 * failure becomes a {@link CacheAccessException} naming the cache and the operation.
 *
 * <p><b>Transactions.</b> While the calling thread has a cache transaction open ({@link TransactionBinding}),
 * {@code put}, {@code putAll}, {@code remove(key)} and {@code removeAll} record into its
 * {@link PendingWrites}, and {@code get}, {@code getAll} and {@code containsKey} read those first; the other
 * data operations throw {@code IllegalStateException}. Without one, each operation pays one volatile read.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public abstract class CacheEngine<K, V> implements ZenooCache<K, V> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CacheEngine.class);

  private final String name;
  private final CacheOwner owner;
  private final Class<K> keyType;
  private final Class<V> valueType;
  private final CompleteConfiguration<K, V> baseConfiguration;
  private final Store<K, Object> store;
  private final Copier copier;
  private final Clock clock;
  private final ExpiryCalculator expiry;
  private final boolean readThrough;
  private final CacheWriterAdapter<K, V> writer;
  private final EventDispatcher<K, V> dispatcher;
  private final CacheStatistics statistics = new CacheStatistics();

  /** Always-on counters behind {@link #stats()}, independent of JCache statistics. */
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder expirations = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder decodeErrors = new LongAdder();
  private final java.util.concurrent.atomic.AtomicBoolean decodeErrorLogged =
      new java.util.concurrent.atomic.AtomicBoolean();

  private final Loading<K, V> loading;
  private final EntryProcessors<K, V> processors;
  private final ConditionalWrites<K, V> conditional;
  private final BulkOperations<K, V> bulk;
  private final AsyncOperations<K, V> async;
  private final EngineManagement<K, V> management;

  private volatile boolean closed;

  /** Creates the store of a cache, given the engine's removal listener and copier. */
  @FunctionalInterface
  protected interface StoreFactory<K> {
    /** Returns the store. */
    Store<K, Object> create(Store.RemovalListener<K, Object> removalListener, Copier copier);
  }

  /**
   * Creates a cache.
   *
   * @param name the cache's name
   * @param owner the manager that created it
   * @param configuration the cache's JCache configuration, already resolved
   * @param clock the time source of expiry
   * @param executor runs asynchronous listeners and {@code loadAll}
   * @param copier turns values into the store's form and back (store-by-value copies, or a codec's bytes)
   * @param storeFactory creates the store
   */
  @SuppressWarnings({"unchecked", "this-escape"})
  protected CacheEngine(
      String name,
      CacheOwner owner,
      CompleteConfiguration<K, V> configuration,
      Clock clock,
      Executor executor,
      Copier copier,
      StoreFactory<K> storeFactory) {
    this.name = name;
    this.owner = owner;
    this.keyType = configuration.getKeyType();
    this.valueType = configuration.getValueType();
    this.baseConfiguration = configuration;
    this.clock = clock;
    this.copier = copier;
    ExpiryPolicy policy =
        configuration.getExpiryPolicyFactory() == null
            ? new javax.cache.expiry.EternalExpiryPolicy()
            : configuration.getExpiryPolicyFactory().create();
    this.expiry = new ExpiryCalculator(policy);
    CacheLoader<K, V> cacheLoader =
        configuration.getCacheLoaderFactory() == null ? null : configuration.getCacheLoaderFactory().create();
    CacheLoaderAdapter<K, V> loader =
        cacheLoader == null ? CacheLoaderAdapter.disabled() : CacheLoaderAdapter.of(cacheLoader);
    this.readThrough = configuration.isReadThrough() && cacheLoader != null;
    CacheWriter<? super K, ? super V> cacheWriter =
        (configuration.isWriteThrough() && configuration.getCacheWriterFactory() != null)
            ? configuration.getCacheWriterFactory().create()
            : null;
    this.writer = cacheWriter == null ? CacheWriterAdapter.disabled() : CacheWriterAdapter.of(cacheWriter);
    this.dispatcher = new EventDispatcher<>(executor);
    for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
      dispatcher.register(listener);
    }
    this.store = storeFactory.create(new RemovalHandler(), copier);
    statistics.setEnabled(configuration.isStatisticsEnabled());
    this.loading = new Loading<>(this, loader, executor);
    this.processors = new EntryProcessors<>(this, readThrough ? loading::loadForProcessor : null);
    this.conditional = new ConditionalWrites<>(this);
    this.bulk = new BulkOperations<>(this, loading);
    this.async = new AsyncOperations<>(this, executor);
    this.management = new EngineManagement<>(this, owner, name, configuration.isManagementEnabled());
  }

  /** Registers the MXBeans the configuration asks for. Called by the manager once the cache is built. */
  public final void registerManagement() {
    management.register();
  }

  /** Turns JCache statistics and their MXBeans on or off. */
  public final void setStatisticsEnabled(boolean enabled) {
    management.setStatisticsEnabled(enabled);
  }

  /** Turns the configuration MXBean on or off. */
  public final void setManagementEnabled(boolean enabled) {
    management.setManagementEnabled(enabled);
  }

  /** Returns the key type the cache was configured with. */
  public final Class<K> keyType() {
    return keyType;
  }

  /** Returns the value type the cache was configured with. */
  public final Class<V> valueType() {
    return valueType;
  }

  /** Returns the JCache statistics of this cache. */
  public final CacheStatistics statistics() {
    return statistics;
  }

  // ---------------------------------------------------------------- subclass hooks

  /**
   * Returns the configuration as it is now, for {@link #getConfiguration}: the base configuration with the
   * given listeners and flags.
   */
  protected abstract CompleteConfiguration<K, V> snapshotConfiguration(
      List<CacheEntryListenerConfiguration<K, V>> listeners, boolean statisticsEnabled, boolean managementEnabled);

  /** Returns the backend's own statistics, added after the common ones in {@link #stats()}. */
  protected abstract Map<String, Object> backendStatistics();

  /** Returns the backend's name for {@link #stats()}: {@code memory} or {@code redis}. */
  protected abstract String backendName();

  /** Returns the store. */
  protected final Store<K, Object> store() {
    return store;
  }

  /** Returns the copier. */
  protected final Copier copier() {
    return copier;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public @Nullable V get(K key) {
    requireOpen();
    requireKey(key);
    if (TransactionBinding.anyOpen()) {
      PendingWrites<K, V> tx = TransactionBinding.writes(this, /* enlist= */ false);
      if (tx != null && tx.holds(key)) {
        return tx.read(key);
      }
    }
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    return finishGet(key, storeGet(key), start, statsEnabled);
  }

  /** Completes a get once the store answered: hit, or expiry and miss with read-through. */
  final @Nullable V finishGet(K key, @Nullable StoreEntry<Object> entry, long start, boolean statsEnabled) {
    if (entry != null) {
      long expireAt = entry.expireAt();
      long now = (expireAt == StoreEntry.NEVER) ? 0L : clock.nanos();
      V value;
      if ((expireAt == StoreEntry.NEVER || expireAt > now) && (value = read(key, entry, now)) != null) {
        hits.increment();
        if (statsEnabled) {
          statistics.recordHits(1);
          statistics.recordGetTime(clock.nanos() - start);
        }
        return value;
      }
      if (expireAt != StoreEntry.NEVER && expireAt <= now) {
        expireIfSame(key, entry);
      }
    }
    misses.increment();
    statistics.recordMisses(1);
    V loaded = readThrough ? loading.loadAndStore(key) : null;
    if (statsEnabled) {
      statistics.recordGetTime(clock.nanos() - start);
    }
    return loaded;
  }

  /** Applies the access expiry of a hit and returns the caller's copy of the value. */
  final @Nullable V read(K key, StoreEntry<Object> entry, long now) {
    V value = decode(key, entry);
    if (value != null && !expiry.accessNeverChanges()) {
      touch(key, entry, now == 0L ? clock.nanos() : now);
    }
    return value;
  }

  /**
   * Returns the caller's copy of a stored value, or null when its bytes do not decode (data written by
   * something else under this cache's key, or by an incompatible version): counted in
   * {@code decode_errors}, logged (the first time per cache at WARN), and treated as absent, so that the
   * next write replaces it.
   */
  @SuppressWarnings("unchecked")
  @Nullable V decode(K key, StoreEntry<Object> entry) {
    try {
      return (V) copier.fromStore(entry.value());
    } catch (CodecException e) {
      decodeErrors.increment();
      if (decodeErrorLogged.compareAndSet(false, true)) {
        LOG.warn("Cache {}: a stored value does not decode and is treated as absent ({}); further such values "
            + "are logged at DEBUG and counted in decode_errors", name, e.getMessage());
      } else {
        LOG.debug("Cache {}: the stored value of a key does not decode: {}", name, e.getMessage());
      }
      return null;
    }
  }

  private void touch(K key, StoreEntry<Object> entry, long now) {
    long current = entry.expireAt();
    long next = expiry.onAccess(now, current);
    if (next != current) {
      try {
        store.updateExpiry(key, entry, next);
      } catch (StoreAccessException e) {
        throw storeFailure("get", e);
      }
    }
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    return bulk.getAll(keys);
  }

  /** Returns the values of the keys the cache holds, reading through on misses: getAll outside a transaction. */
  Map<K, V> getAllFromStore(Set<? extends K> keys) {
    return bulk.getAllFromStore(keys);
  }

  @Override
  public boolean containsKey(K key) {
    requireOpen();
    requireKey(key);
    if (TransactionBinding.anyOpen()) {
      PendingWrites<K, V> tx = TransactionBinding.writes(this, /* enlist= */ false);
      if (tx != null && tx.holds(key)) {
        return tx.read(key) != null;
      }
    }
    return isLive(key);
  }

  /** Returns whether the store holds a live entry for the key, recording no access. */
  boolean isLive(K key) {
    StoreEntry<Object> entry = storePeek(key);
    return entry != null && !entry.isExpired(clock.nanos());
  }

  @Override
  public void loadAll(
      Set<? extends K> keys, boolean replaceExistingValues, @Nullable CompletionListener completionListener) {
    loading.loadAll(keys, replaceExistingValues, completionListener);
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void put(K key, V value) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    if (TransactionBinding.anyOpen()) {
      PendingWrites<K, V> tx = TransactionBinding.writes(this, /* enlist= */ true);
      if (tx != null) {
        tx.put(key, value, /* fixedTtl= */ false, null);
        return;
      }
    }
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    boolean written = blindPutAllowed(/* fixedTtl= */ false)
        ? blindPut(key, value, null, /* fixedTtl= */ false)
        : putInternal(key, value, /* ttl= */ null, /* fixedTtl= */ false, /* callWriter= */ true, null);
    awaitListeners();
    if (statsEnabled) {
      if (written) {
        statistics.recordPuts(1);
      }
      statistics.recordPutTime(clock.nanos() - start);
    }
  }

  @Override
  public void put(K key, V value, @Nullable Duration ttl) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
      throw new IllegalArgumentException("ttl must be positive (or null for no expiry), but was " + ttl);
    }
    if (TransactionBinding.anyOpen()) {
      PendingWrites<K, V> tx = TransactionBinding.writes(this, /* enlist= */ true);
      if (tx != null) {
        tx.put(key, value, /* fixedTtl= */ true, ttl);
        return;
      }
    }
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    boolean written = blindPutAllowed(/* fixedTtl= */ true)
        ? blindPut(key, value, ttl, /* fixedTtl= */ true)
        : putInternal(key, value, ttl, /* fixedTtl= */ true, /* callWriter= */ true, null);
    awaitListeners();
    if (statsEnabled) {
      if (written) {
        statistics.recordPuts(1);
      }
      statistics.recordPutTime(clock.nanos() - start);
    }
  }

  @Override
  public @Nullable V getAndPut(K key, V value) {
    return conditional.getAndPut(key, value);
  }

  /**
   * Returns whether a put may write without reading the entry first: no writer and no listener needs the
   * old entry, and the expiry is the same whether the entry exists or not (a fixed TTL, or the spec's
   * eternal, modified or touched policy). Such a put is one store round trip.
   */
  final boolean blindPutAllowed(boolean fixedTtl) {
    return !writer.isEnabled() && !dispatcher.hasListeners() && (fixedTtl || expiry.writeIgnoresExistence());
  }

  /** Writes unconditionally (see {@link #blindPutAllowed}); counts an expired entry it replaced. */
  private boolean blindPut(K key, V value, @Nullable Duration ttl, boolean fixedTtl) {
    // an eternal write reads no clock; an entry it replaces can only be expired if it had an expiry
    boolean timed = fixedTtl ? ttl != null : !expiry.isEternal();
    long now = timed ? clock.nanos() : 0L;
    long expireAt = !timed ? StoreEntry.NEVER
        : fixedTtl ? ExpiryCalculator.afterTtl(now, ttl) : expiry.onAnyWrite(now);
    StoreEntry<Object> previous;
    try {
      previous = store.put(copier.copyKey(key), copier.toStore(value), expireAt);
    } catch (StoreAccessException e) {
      throw storeFailure("put", e);
    }
    if (previous != null && previous.expireAt() != StoreEntry.NEVER
        && previous.isExpired(timed ? now : clock.nanos())) {
      recordExpirations(1);
    }
    return true;
  }

  /**
   * Writes a value: a creation or an update, with the writer, expiry and events. Returns whether the store
   * holds the value afterwards (false when the expiry made it expire at once).
   *
   * @param previous if not null, receives the caller's copy of the value replaced
   */
  final boolean putInternal(
      K key, V value, @Nullable Duration ttl, boolean fixedTtl, boolean callWriter, Object @Nullable [] previous) {
    boolean[] written = {false};
    compute(copier.copyKey(key), "put", putDecision(key, value, ttl, fixedTtl, callWriter, previous, written));
    return written[0];
  }

  /** Returns the decision of a put, shared by the synchronous and asynchronous forms. */
  @SuppressWarnings("unchecked")
  final WriteAttempt.Decision<K, V> putDecision(
      K key,
      V value,
      @Nullable Duration ttl,
      boolean fixedTtl,
      boolean callWriter,
      Object @Nullable [] previous,
      boolean[] written) {
    Object stored = copier.toStore(value);
    return (current, attempt) -> {
      written[0] = false;
      if (previous != null) {
        previous[0] = null;
      }
      if (callWriter) {
        attempt.write(key, value);
      }
      long now = clock.nanos();
      StoreEntry<Object> live = liveOrExpire(key, current, now, attempt);
      if (live == null) {
        long expireAt = fixedTtl ? (ttl == null ? StoreEntry.NEVER : ExpiryCalculator.afterTtl(now, ttl))
            : expiry.onCreation(now);
        if (expireAt == ExpiryCalculator.NOT_STORED) {
          return null;
        }
        written[0] = true;
        attempt.created(key, value);
        return StoreEntry.of(stored, expireAt);
      }
      if (previous != null || attempt.recordsEvents()) {
        V old = (V) copier.fromStore(live.value());
        if (previous != null) {
          previous[0] = old;
        }
        attempt.updated(key, old, value);
      }
      long expireAt = fixedTtl ? (ttl == null ? StoreEntry.NEVER : ExpiryCalculator.afterTtl(now, ttl))
          : expiry.onUpdate(now, live.expireAt());
      written[0] = true;
      return StoreEntry.of(stored, expireAt);
    };
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    bulk.putAll(map);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    return conditional.putIfAbsent(key, value);
  }

  @Override
  public boolean remove(K key) {
    return conditional.remove(key);
  }

  /** Removes a key with the writer and events; returns the caller's copy of the removed value, or null. */
  @SuppressWarnings("unchecked")
  final @Nullable V removeInternal(K key, boolean callWriter) {
    Object[] removed = new Object[1];
    compute(key, "remove", removeDecision(key, callWriter, removed));
    return (V) removed[0];
  }

  /** Returns the decision of a removal; {@code removed[0]} receives the removed value, or null. */
  @SuppressWarnings("unchecked")
  final WriteAttempt.Decision<K, V> removeDecision(K key, boolean callWriter, Object[] removed) {
    return (current, attempt) -> {
      removed[0] = null;
      if (callWriter) {
        attempt.delete(key);
      }
      StoreEntry<Object> live = liveOrExpire(key, current, clock.nanos(), attempt);
      if (live == null) {
        return null;
      }
      V old = (V) copier.fromStore(live.value());
      removed[0] = old;
      attempt.removed(key, old);
      return null;
    };
  }

  @Override
  public boolean remove(K key, V oldValue) {
    return conditional.remove(key, oldValue);
  }

  @Override
  public @Nullable V getAndRemove(K key) {
    return conditional.getAndRemove(key);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    return conditional.replace(key, oldValue, newValue);
  }

  @Override
  public boolean replace(K key, V value) {
    return conditional.replace(key, value);
  }

  @Override
  public @Nullable V getAndReplace(K key, V value) {
    return conditional.getAndReplace(key, value);
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    bulk.removeAll(keys);
  }

  @Override
  public void removeAll() {
    bulk.removeAll();
  }

  /** Returns the keys the store holds now, expired ones included. */
  Set<K> storedKeys() {
    return bulk.storedKeys();
  }

  @Override
  public void clear() {
    bulk.clear();
  }

  // ---------------------------------------------------------------- entry processors

  @Override
  public <T> @Nullable T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    return processors.invoke(key, entryProcessor, arguments);
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keys, EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    return processors.invokeAll(keys, entryProcessor, arguments);
  }

  // ---------------------------------------------------------------- listeners, iteration

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> configuration) {
    requireOpen();
    requireNonNull(configuration, "cacheEntryListenerConfiguration");
    dispatcher.register(configuration);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> configuration) {
    requireOpen();
    requireNonNull(configuration, "cacheEntryListenerConfiguration");
    dispatcher.deregister(configuration);
  }

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    requireOpen();
    requireNoTransaction("iterator");
    return new EntryIterator<>(this);
  }

  // ---------------------------------------------------------------- async forms

  @Override
  public CompletionStage<@Nullable V> getAsync(K key) {
    return async.getAsync(key);
  }

  @Override
  public CompletionStage<Void> putAsync(K key, V value) {
    return async.putAsync(key, value);
  }

  @Override
  public CompletionStage<Void> putAsync(K key, V value, @Nullable Duration ttl) {
    return async.putAsync(key, value, ttl);
  }

  @Override
  public CompletionStage<Boolean> removeAsync(K key) {
    return async.removeAsync(key);
  }

  @Override
  public CompletionStage<Boolean> containsKeyAsync(K key) {
    return async.containsKeyAsync(key);
  }

  @Override
  public CompletionStage<Void> clearAsync() {
    return async.clearAsync();
  }

  // ---------------------------------------------------------------- seed extras, lifecycle

  @Override
  public void connect() {
    requireOpen();
  }

  @Override
  public CacheStats stats() {
    Map<String, Object> values = new LinkedHashMap<>();
    long h = hits.sum();
    long m = misses.sum();
    values.put("backend", backendName());
    values.putAll(backendStatistics());
    values.put("hit_rate", (h + m) == 0 ? 0d : (double) h / (h + m));
    values.put("hits", h);
    values.put("misses", m);
    values.put("expired_items", expirations.sum());
    values.put("evictions", evictions.sum());
    values.put("decode_errors", decodeErrors.sum());
    values.put("statistics_enabled", statistics.isEnabled());
    return new CacheStats(backendName(), values);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return owner.manager();
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    return management.configuration(clazz);
  }

  /** Returns the configuration the cache was created with. */
  protected final CompleteConfiguration<K, V> baseConfiguration() {
    return baseConfiguration;
  }

  /**
   * Destroys the cache: removes its entries (without events), lets the backend forget it (a Redis cache's
   * descriptor), and closes it.
   */
  public final void destroy() {
    if (!closed) {
      bulk.clearStore();
      onDestroy();
    }
    close();
  }

  /** Called by {@link #destroy()} before closing; the backend forgets the cache. Nothing by default. */
  protected void onDestroy() {}

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      owner.released(this);
    } finally {
      management.unregisterAll();
      store.close();
      loading.close();
      writer.close();
      closeIfCloseable(expiry.policy());
      dispatcher.close();
    }
  }

  private static void closeIfCloseable(Object o) {
    if (o instanceof java.io.Closeable closeable) {
      try {
        closeable.close();
      } catch (java.io.IOException | RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(CacheEngine.class).warn("Closing {} failed", o.getClass().getName(), e);
      }
    }
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("Cannot unwrap cache " + name + " to " + clazz.getName());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }

  // ---------------------------------------------------------------- helpers

  /** Returns the live entry, or null when absent or expired (recording the expiry in the attempt). */
  @SuppressWarnings("unchecked")
  final @Nullable StoreEntry<Object> liveOrExpire(
      K key, @Nullable StoreEntry<Object> current, long now, WriteAttempt<K, V> attempt) {
    if (current == null) {
      return null;
    }
    if (current.isExpired(now)) {
      V old = decode(key, current);
      if (old != null) {
        attempt.expired(key, old);
      }
      return null;
    }
    if (copier.mayFailToDecode() && decode(key, current) == null) {
      return null; // undecodable: as if absent, the write replaces it
    }
    return current;
  }

  /** Adds to the always-on hit count of {@link #stats()} (not to the JCache statistics). */
  final void countHits(long count) {
    hits.add(count);
  }

  /** Adds to the always-on miss count of {@link #stats()} (not to the JCache statistics). */
  final void countMisses(long count) {
    misses.add(count);
  }

  /** Counts entries found expired; called when the write that removed them took effect. */
  void recordExpirations(long count) {
    expirations.add(count);
    statistics.recordEvictions(count);
  }

  /** Publishes one event of a committed write; {@code kind} is a {@link WriteAttempt} event constant. */
  @SuppressWarnings("NullAway") // a created or updated event always has a value, the others an old value
  void publish(int kind, K key, @Nullable V value, @Nullable V oldValue) {
    switch (kind) {
      case WriteAttempt.CREATED -> dispatcher.publishCreated(this, key, value);
      case WriteAttempt.UPDATED -> dispatcher.publishUpdated(this, key, oldValue, value);
      case WriteAttempt.REMOVED -> dispatcher.publishRemoved(this, key, oldValue);
      default -> dispatcher.publishExpired(this, key, oldValue);
    }
  }

  /** Removes an entry a read found expired, if nothing replaced it meanwhile. */
  final void expireIfSame(K key, StoreEntry<Object> seen) {
    compute(key, "get", (current, attempt) -> liveOrExpire(key, current, clock.nanos(), attempt));
    awaitListeners();
  }

  /** Returns the live entry with the access expiry applied: the entry a read of it leaves in the store. */
  final StoreEntry<Object> withAccessExpiry(StoreEntry<Object> live, long now) {
    long next = expiry.onAccess(now, live.expireAt());
    return next == live.expireAt() ? live : StoreEntry.of(live.value(), next);
  }

  /**
   * Runs a write decision as one {@link Store#compute} of the key, publishing its events once the write took
   * effect. A store failure becomes the cache's exception; on any failure the thread's pending synchronous
   * events are dropped.
   */
  final @Nullable StoreEntry<Object> compute(K key, String operation, WriteAttempt.Decision<K, V> decision) {
    try {
      return store.compute(key, new WriteAttempt<>(this, decision, dispatcher.hasListeners()));
    } catch (StoreAccessException e) {
      dispatcher.ignoreSynchronous();
      throw storeFailure(operation, e);
    } catch (RuntimeException | Error e) {
      dispatcher.ignoreSynchronous();
      throw e;
    }
  }

  private @Nullable StoreEntry<Object> storeGet(K key) {
    try {
      return store.get(key);
    } catch (StoreAccessException e) {
      throw storeFailure("get", e);
    }
  }

  private @Nullable StoreEntry<Object> storePeek(K key) {
    try {
      return store.peek(key);
    } catch (StoreAccessException e) {
      throw storeFailure("containsKey", e);
    }
  }

  /** Waits for the synchronous listeners of the events this thread published, if any listener is registered. */
  void awaitListeners() {
    if (dispatcher.hasListeners()) {
      dispatcher.awaitSynchronous();
    }
  }

  /** Returns the cache's exception for a store failure, naming the cache and the operation. */
  CacheAccessException storeFailure(String operation, StoreAccessException e) {
    if (e instanceof io.zenoo.cache.store.StoreUnavailableException) {
      return new io.zenoo.cache.CacheUnavailableException(
          "Cache " + name + ": " + operation + " failed: " + e.getMessage(), e);
    }
    return new CacheAccessException(
        "Cache " + name + ": " + operation + " failed: " + e.getMessage(), e);
  }

  // ---------------------------------------------------------------- for the collaborators and PendingWrites

  /** Returns the time source of expiry. */
  Clock clock() {
    return clock;
  }

  /** Returns the expiry calculator. */
  ExpiryCalculator expiry() {
    return expiry;
  }

  /** Returns the writer (the disabled one unless write-through). */
  CacheWriterAdapter<K, V> writer() {
    return writer;
  }

  /** Returns the event dispatcher. */
  final EventDispatcher<K, V> dispatcher() {
    return dispatcher;
  }

  /** Returns whether the cache reads through its loader on a miss. */
  final boolean readThrough() {
    return readThrough;
  }

  /** Returns whether any listener is registered. */
  boolean hasListeners() {
    return dispatcher.hasListeners();
  }

  /**
   * Fails when the calling thread has a cache transaction open: the operation is not one a transaction
   * records (only get, getAll, containsKey, put, putAll, remove and removeAll are).
   */
  final void requireNoTransaction(String operation) {
    if (TransactionBinding.anyOpen() && TransactionBinding.current() != null) {
      throw new IllegalStateException(
          "Cache " + name + ": " + operation + " is not supported inside a cache transaction (only get, getAll, "
              + "containsKey, put, putAll, remove(key) and removeAll are); commit or roll back first");
    }
  }

  /** Fails when the cache is closed. */
  final void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Cache " + name + " is closed");
    }
  }

  /** Fails on a null key, or one not of the configured key type. */
  final void requireKey(K key) {
    requireNonNull(key, "key");
    if (keyType != Object.class && !keyType.isInstance(key)) {
      throw new ClassCastException(
          "Cache " + name + " takes keys of type " + keyType.getName() + ", not " + key.getClass().getName());
    }
  }

  /** Fails on a null value, or one not of the configured value type. */
  final void requireValue(V value) {
    requireNonNull(value, "value");
    requireValueType(value);
  }

  /** Fails on a value not of the configured value type. */
  final void requireValueType(V value) {
    if (valueType != Object.class && !valueType.isInstance(value)) {
      throw new ClassCastException(
          "Cache " + name + " takes values of type " + valueType.getName() + ", not "
              + value.getClass().getName());
    }
  }

  /** Fails on a null set of keys, or a key {@link #requireKey} refuses. */
  final void requireKeys(Set<? extends K> keys) {
    requireNonNull(keys, "keys");
    for (K key : keys) {
      requireKey(key);
    }
  }

  /** Receives the store's own removals: evictions and swept expirations. */
  private final class RemovalHandler implements Store.RemovalListener<K, Object> {
    @Override
    public void onEviction(K key, StoreEntry<Object> entry) {
      evictions.increment();
      statistics.recordEvictions(1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onExpiration(K key, StoreEntry<Object> entry) {
      recordExpirations(1);
      dispatcher.publishExpiredDetached(CacheEngine.this, key, (V) copier.fromStore(entry.value()));
    }
  }
}
