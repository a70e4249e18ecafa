package io.zenoo.cache.core;

import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import org.jspecify.annotations.Nullable;

/**
 * The writes one cache transaction made to one cache, held until the transaction ends, and how they are
 * applied at commit.
 *
 * <p><b>Recording.</b> Per key, the last write wins: a put (its value already in the store's form, so
 * that later changes to the caller's object do not reach the cache, as with store-by-value) or a removal.
 * The transaction's own reads are answered from here first: a put key reads as its value, a removed key as
 * absent; other keys are read from the cache as usual. Recording and answering touch no store, call no
 * writer, publish no event and count no statistic.
 *
 * <p><b>Commit</b>, run by the transaction in two phases over all its caches:
 * <ol>
 *   <li>{@link #writeThrough()}: a write-through cache's {@code CacheWriter} gets one {@code writeAll}
 *       with the puts and one {@code deleteAll} with the removals. A failure stops the commit before any
 *       store is written.
 *   <li>{@link #apply()}: one read of the current entries of the keys ({@code Store.getAll}), then each
 *       key's new entry: a put takes the creation expiry of the {@code ExpiryPolicy} if the key is absent
 *       or expired, its update expiry if it is live (the fixed TTL for {@code put(key, value, ttl)}); a
 *       creation the policy says not to store (zero duration) is left out. The batch goes to the store in
 *       one {@link io.zenoo.cache.store.Store#writeAll} (atomic on Redis). Then, from what the batch
 *       replaced: CREATED or UPDATED events and a put statistic per put, a REMOVED event and a removal
 *       statistic per removal of a live entry, an EXPIRED event and an expiry count per expired entry
 *       replaced. {@link #awaitListeners()} waits for synchronous listeners.
 * </ol>
 * The expiry is chosen from the read just before the batch, so a write by another client in between may
 * make a creation count as an update's expiry or the reverse; events and statistics follow what the batch
 * actually replaced. Events of a commit are published after the batch, not under the key's write lock, so
 * their order relative to a concurrent writer of the same key in this JVM is not fixed.
 *
 * <p><b>Concurrency.</b> Writes are recorded and read on the transaction's thread; the commit may run on
 * another (a JTA transaction manager's). Every access holds the transaction's lock, and recording into a
 * transaction that is no longer active fails.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class PendingWrites<K, V> {

  /** One recorded write: the stored form of the value (null: a removal) and how it expires. */
  private record Write(@Nullable Object stored, boolean fixedTtl, @Nullable Duration ttl) {}

  private static final Write REMOVAL = new Write(null, false, null);

  private final CacheEngine<K, V> cache;
  private final TransactionBinding.Scope scope;
  private final Map<K, Write> writes = new LinkedHashMap<>();

  private PendingWrites(CacheEngine<K, V> cache, TransactionBinding.Scope scope) {
    this.cache = cache;
    this.scope = scope;
  }

  /**
   * Returns an empty set of writes of the cache in the scope; the scope is also the lock every access
   * holds.
   */
  public static <K, V> PendingWrites<K, V> create(CacheEngine<K, V> cache, TransactionBinding.Scope scope) {
    return new PendingWrites<>(cache, scope);
  }

  /** Returns the name of the cache written to. */
  public String cacheName() {
    return cache.getName();
  }

  /** Returns the number of keys written to. */
  public int size() {
    synchronized (scope) {
      return writes.size();
    }
  }

  /**
   * Fails unless the cache is still open.
   *
   * @throws IllegalStateException if the cache was closed after the transaction wrote to it
   */
  public void requireOpenCache() {
    if (cache.isClosed()) {
      throw new IllegalStateException(
          "Cache " + cache.getName() + " was closed before the cache transaction that wrote to it committed");
    }
  }

  /**
   * Calls the cache's writer, if write-through, with this transaction's puts ({@code writeAll}) and
   * removals ({@code deleteAll}).
   *
   * @throws javax.cache.integration.CacheWriterException if the writer failed
   */
  public void writeThrough() {
    if (!cache.writer().isEnabled()) {
      return;
    }
    Collection<Cache.Entry<? extends K, ? extends V>> puts = new ArrayList<>();
    List<Object> removals = new ArrayList<>();
    for (Map.Entry<K, Write> e : snapshot().entrySet()) {
      Object stored = e.getValue().stored();
      if (stored == null) {
        removals.add(e.getKey());
      } else {
        puts.add(new EngineEntry<>(e.getKey(), valueOf(stored)));
      }
    }
    if (!puts.isEmpty()) {
      cache.writer().writeAll(puts);
    }
    if (!removals.isEmpty()) {
      cache.writer().deleteAll(removals);
    }
  }

  /**
   * Writes the transaction's final state of each key to the store in one batch, then publishes the events
   * and counts the statistics of what it replaced (see the class comment).
   *
   * @throws io.zenoo.cache.CacheAccessException if the store failed; the batch was then not applied, or,
   *     for a failure after a remote store received it, possibly applied whole (never in part on Redis)
   */
  public void apply() {
    Map<K, Write> batch = snapshot();
    if (batch.isEmpty()) {
      return;
    }
    Map<K, StoreEntry<Object>> current;
    try {
      current = cache.store().getAll(batch.keySet());
    } catch (StoreAccessException e) {
      throw cache.storeFailure("commit", e);
    }
    long now = cache.clock().nanos();
    Map<K, @Nullable StoreEntry<Object>> entries = new LinkedHashMap<>();
    for (Map.Entry<K, Write> e : batch.entrySet()) {
      Write write = e.getValue();
      Object stored = write.stored();
      if (stored == null) {
        entries.put(e.getKey(), null);
        continue;
      }
      StoreEntry<Object> found = current.get(e.getKey());
      boolean live = found != null && !found.isExpired(now);
      long expireAt;
      if (write.fixedTtl()) {
        Duration ttl = write.ttl();
        expireAt = ttl == null ? StoreEntry.NEVER : ExpiryCalculator.afterTtl(now, ttl);
      } else {
        expireAt = live ? cache.expiry().onUpdate(now, found.expireAt()) : cache.expiry().onCreation(now);
      }
      if (expireAt != ExpiryCalculator.NOT_STORED) {
        entries.put(e.getKey(), StoreEntry.of(stored, expireAt));
      } // zero creation expiry: the spec says the entry is not added
    }
    Map<K, StoreEntry<Object>> previous;
    try {
      previous = cache.store().writeAll(entries);
    } catch (StoreAccessException e) {
      throw cache.storeFailure("commit", e);
    }
    publishAndCount(entries, previous, now);
  }

  /** Publishes the events and counts the statistics of an applied batch. */
  private void publishAndCount(
      Map<K, @Nullable StoreEntry<Object>> applied, Map<K, StoreEntry<Object>> previous, long now) {
    boolean events = cache.hasListeners();
    long puts = 0;
    long removals = 0;
    long expired = 0;
    for (Map.Entry<K, @Nullable StoreEntry<Object>> e : applied.entrySet()) {
      K key = e.getKey();
      StoreEntry<Object> before = previous.get(key);
      StoreEntry<Object> after = e.getValue();
      V old = null;
      if (before != null && before.isExpired(now)) {
        expired++;
        V gone = events ? cache.decode(key, before) : null;
        if (gone != null) {
          cache.publish(WriteAttempt.EXPIRED, key, gone, gone);
        }
        before = null;
      } else if (before != null && events) {
        old = cache.decode(key, before);
      }
      if (after != null) {
        puts++;
        if (events) {
          V value = valueOf(after.value());
          if (old != null) {
            cache.publish(WriteAttempt.UPDATED, key, value, old);
          } else {
            cache.publish(WriteAttempt.CREATED, key, value, null);
          }
        }
      } else if (before != null) {
        removals++;
        if (old != null) {
          cache.publish(WriteAttempt.REMOVED, key, old, old);
        }
      }
    }
    if (expired > 0) {
      cache.recordExpirations(expired);
    }
    cache.statistics().recordPuts(puts);
    cache.statistics().recordRemovals(removals);
  }

  /**
   * Waits for the synchronous listeners of the events {@link #apply()} published on this thread.
   *
   * @throws javax.cache.event.CacheEntryListenerException if one failed
   */
  public void awaitListeners() {
    cache.awaitListeners();
  }

  /** Forgets every write. */
  public void discard() {
    synchronized (scope) {
      writes.clear();
    }
  }

  // ---------------------------------------------------------------- the engine's side

  /** Records a put under the cache's expiry policy, or with a fixed TTL (null: never expires). */
  void put(K key, V value, boolean fixedTtl, @Nullable Duration ttl) {
    Write write = new Write(cache.copier().toStore(value), fixedTtl, ttl);
    K copied = cache.copier().copyKey(key);
    synchronized (scope) {
      requireActive();
      writes.remove(copied); // last write wins, and takes its place at the end of the batch
      writes.put(copied, write);
    }
  }

  /** Records puts under the cache's expiry policy. */
  void putAll(Map<? extends K, ? extends V> entries) {
    for (Map.Entry<? extends K, ? extends V> e : entries.entrySet()) {
      put(e.getKey(), e.getValue(), /* fixedTtl= */ false, null);
    }
  }

  /** Records a removal; returns whether the key was present as this transaction sees it. */
  boolean remove(K key) {
    boolean present = holds(key) ? read(key) != null : cache.isLive(key);
    removeAll(Set.of(key));
    return present;
  }

  /** Records removals of the keys. */
  void removeAll(Collection<? extends K> keys) {
    synchronized (scope) {
      requireActive();
      for (K key : keys) {
        writes.remove(key);
        writes.put(key, REMOVAL);
      }
    }
  }

  /** Records removals of every key the cache holds now and every key this transaction put. */
  void removeAll() {
    Set<K> keys = new LinkedHashSet<>(cache.storedKeys());
    synchronized (scope) {
      keys.addAll(writes.keySet());
    }
    removeAll(keys);
  }

  /** Returns whether this transaction wrote the key. */
  boolean holds(K key) {
    synchronized (scope) {
      return writes.containsKey(key);
    }
  }

  /** Returns the caller's copy of the value this transaction put, or null when it removed the key. */
  @Nullable V read(K key) {
    Write write;
    synchronized (scope) {
      write = writes.get(key);
    }
    Object stored = write == null ? null : write.stored();
    return stored == null ? null : valueOf(stored);
  }

  /** Returns the values of the keys as this transaction sees them: its own writes, else the cache's. */
  Map<K, V> getAll(Set<? extends K> keys) {
    Map<K, V> result = new LinkedHashMap<>();
    Set<K> others = new LinkedHashSet<>();
    for (K key : keys) {
      if (holds(key)) {
        V value = read(key);
        if (value != null) {
          result.put(key, value);
        }
      } else {
        others.add(key);
      }
    }
    if (!others.isEmpty()) {
      result.putAll(cache.getAllFromStore(others));
    }
    return result;
  }

  private Map<K, Write> snapshot() {
    synchronized (scope) {
      return new LinkedHashMap<>(writes);
    }
  }

  private void requireActive() {
    if (!scope.isActive()) {
      throw new IllegalStateException(
          "The cache transaction ended (on another thread) while this thread was writing to cache "
              + cache.getName());
    }
  }

  @SuppressWarnings("unchecked")
  private V valueOf(Object stored) {
    return (V) cache.copier().fromStore(stored);
  }
}
