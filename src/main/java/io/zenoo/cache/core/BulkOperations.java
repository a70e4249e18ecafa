package io.zenoo.cache.core;

import static java.util.Objects.requireNonNull;

import io.zenoo.cache.integration.CacheWriterAdapter;
import io.zenoo.cache.management.CacheStatistics;
import io.zenoo.cache.serialization.Copier;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.integration.CacheWriterException;

/**
 * The operations on many keys: {@code getAll}, {@code putAll}, {@code removeAll} (given keys or every key)
 * and {@code clear}.
 *
 * <p><b>Store calls.</b> {@code getAll} reads the keys in one {@code Store.getAll}, and reads through the
 * keys it missed in one {@code loadAll} ({@link Loading#loadMissing}). {@code putAll} writes in one
 * {@code Store.putAll} when a put needs no look at the old entry ({@link CacheEngine#blindPutAllowed}), else
 * one {@link CacheEngine#compute} per key, as {@code put} does.
 *
 * <p><b>Failure.</b> With write-through, the writer is called once for the whole batch ({@code writeAll},
 * {@code deleteAll}) before the store; if it fails part way, the entries it did write (or delete) are
 * applied to the store and its {@code CacheWriterException} is thrown afterwards. Events and statistics are
 * per key, and the batch is not atomic as a whole: each key is written on its own.
 *
 * <p><b>Transactions.</b> {@code getAll} reads the calling thread's transaction first; {@code putAll} and
 * both {@code removeAll} are recorded in it; {@code clear} throws {@code IllegalStateException} while one
 * is open.
 */
final class BulkOperations<K, V> {

  private final CacheEngine<K, V> engine;
  private final Loading<K, V> loading;
  private final boolean readThrough;
  private final Store<K, Object> store;
  private final Copier copier;
  private final Clock clock;
  private final ExpiryCalculator expiry;
  private final CacheWriterAdapter<K, V> writer;
  private final CacheStatistics statistics;

  BulkOperations(CacheEngine<K, V> engine, Loading<K, V> loading) {
    this.engine = engine;
    this.loading = loading;
    this.readThrough = engine.readThrough();
    this.store = engine.store();
    this.copier = engine.copier();
    this.clock = engine.clock();
    this.expiry = engine.expiry();
    this.writer = engine.writer();
    this.statistics = engine.statistics();
  }

  /** Implements {@code getAll}, answered by the thread's transaction first if one is open. */
  Map<K, V> getAll(Set<? extends K> keys) {
    engine.requireOpen();
    engine.requireKeys(keys);
    if (TransactionBinding.anyOpen()) {
      PendingWrites<K, V> tx = TransactionBinding.writes(engine, /* enlist= */ false);
      if (tx != null) {
        return tx.getAll(keys);
      }
    }
    return getAllFromStore(keys);
  }

  /**
   * Returns the values of the keys the cache holds, reading through on misses: {@code getAll} outside a
   * transaction.
   */
  Map<K, V> getAllFromStore(Set<? extends K> keys) {
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    Map<K, V> result = new LinkedHashMap<>();
    List<K> missing = new ArrayList<>();
    Map<K, StoreEntry<Object>> found;
    try {
      found = store.getAll(new ArrayList<>(keys));
    } catch (StoreAccessException e) {
      throw engine.storeFailure("getAll", e);
    }
    for (K key : keys) {
      StoreEntry<Object> entry = found.get(key);
      long now = clock.nanos();
      V value = (entry != null && !entry.isExpired(now)) ? engine.read(key, entry, now) : null;
      if (value != null) {
        result.put(key, value);
        engine.countHits(1);
        statistics.recordHits(1);
      } else {
        if (entry != null && entry.isExpired(now)) {
          engine.expireIfSame(key, entry);
        }
        engine.countMisses(1);
        statistics.recordMisses(1);
        missing.add(key);
      }
    }
    if (readThrough && !missing.isEmpty()) {
      loading.loadMissing(missing, result);
    }
    if (statsEnabled) {
      statistics.recordGetTime(clock.nanos() - start);
    }
    return result;
  }

  /** Implements {@code putAll}: the writer's {@code writeAll} first, then the entries it wrote. */
  void putAll(Map<? extends K, ? extends V> map) {
    engine.requireOpen();
    requireNonNull(map, "map");
    for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
      engine.requireKey(e.getKey());
      engine.requireValue(e.getValue());
    }
    if (TransactionBinding.anyOpen()) {
      PendingWrites<K, V> tx = TransactionBinding.writes(engine, /* enlist= */ true);
      if (tx != null) {
        tx.putAll(map);
        return;
      }
    }
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    Map<K, V> toPut = new LinkedHashMap<>(map);
    CacheWriterException failure = null;
    if (writer.isEnabled()) {
      Collection<Cache.Entry<? extends K, ? extends V>> entries = new ArrayList<>();
      for (Map.Entry<K, V> e : toPut.entrySet()) {
        entries.add(new EngineEntry<>(e.getKey(), e.getValue()));
      }
      try {
        writer.writeAll(entries);
      } catch (CacheWriterException e) {
        failure = e;
        for (Cache.Entry<? extends K, ? extends V> notWritten : entries) {
          toPut.remove(notWritten.getKey());
        }
      }
    }
    long puts = 0;
    try {
      if (engine.blindPutAllowed(/* fixedTtl= */ false)) {
        puts = blindPutAll(toPut);
      } else {
        for (Map.Entry<K, V> e : toPut.entrySet()) {
          if (engine.putInternal(e.getKey(), e.getValue(), null, false, /* callWriter= */ false, null)) {
            puts++;
          }
        }
      }
    } finally {
      engine.awaitListeners();
      if (statsEnabled) {
        statistics.recordPuts(puts);
        statistics.recordPutTime(clock.nanos() - start);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Writes every entry unconditionally in one store call (pipelined on Redis); returns the count. */
  private long blindPutAll(Map<K, V> entries) {
    long now = clock.nanos();
    long expireAt = expiry.onAnyWrite(now);
    Map<K, Object> stored = new LinkedHashMap<>();
    for (Map.Entry<K, V> e : entries.entrySet()) {
      stored.put(copier.copyKey(e.getKey()), copier.toStore(e.getValue()));
    }
    List<StoreEntry<Object>> previous;
    try {
      previous = store.putAll(stored, expireAt);
    } catch (StoreAccessException e) {
      throw engine.storeFailure("putAll", e);
    }
    long expired = previous.stream().filter(p -> p != null && p.isExpired(now)).count();
    if (expired > 0) {
      engine.recordExpirations(expired);
    }
    return stored.size();
  }

  /** Implements {@code removeAll(keys)}, recorded in the thread's transaction if one is open. */
  void removeAll(Set<? extends K> keys) {
    engine.requireOpen();
    engine.requireKeys(keys);
    if (TransactionBinding.anyOpen()) {
      PendingWrites<K, V> tx = TransactionBinding.writes(engine, /* enlist= */ true);
      if (tx != null) {
        tx.removeAll(keys);
        return;
      }
    }
    removeKeys(new LinkedHashSet<>(keys));
  }

  /** Implements {@code removeAll()}, recorded in the thread's transaction if one is open. */
  void removeAll() {
    engine.requireOpen();
    if (TransactionBinding.anyOpen()) {
      PendingWrites<K, V> tx = TransactionBinding.writes(engine, /* enlist= */ true);
      if (tx != null) {
        tx.removeAll();
        return;
      }
    }
    removeKeys(storedKeys());
  }

  /** Returns the keys the store holds now, expired ones included. */
  Set<K> storedKeys() {
    Set<K> keys = new LinkedHashSet<>();
    Iterator<? extends Map.Entry<K, ? extends StoreEntry<Object>>> it = store.iterator();
    while (it.hasNext()) {
      keys.add(it.next().getKey());
    }
    return keys;
  }

  /** Removes the keys: the writer's {@code deleteAll} first, then the keys it deleted, one by one. */
  private void removeKeys(Set<K> keys) {
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    CacheWriterException failure = null;
    Set<K> toRemove = keys;
    if (writer.isEnabled()) {
      Collection<Object> pending = new ArrayList<>(keys);
      try {
        writer.deleteAll(pending);
      } catch (CacheWriterException e) {
        failure = e;
        toRemove = new LinkedHashSet<>(keys);
        toRemove.removeAll(pending);
      }
    }
    long removals = 0;
    try {
      for (K key : toRemove) {
        if (engine.removeInternal(key, /* callWriter= */ false) != null) {
          removals++;
        }
      }
    } finally {
      engine.awaitListeners();
      if (statsEnabled) {
        statistics.recordRemovals(removals);
        statistics.recordRemoveTime(clock.nanos() - start);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Implements {@code clear}: every entry goes, with no writer call, event or statistic. */
  void clear() {
    engine.requireOpen();
    engine.requireNoTransaction("clear");
    clearStore();
  }

  /** Clears the store; also what destroying the cache does. */
  void clearStore() {
    try {
      store.clear();
    } catch (StoreAccessException e) {
      throw engine.storeFailure("clear", e);
    }
  }
}
