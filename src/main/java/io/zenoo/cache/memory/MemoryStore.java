package io.zenoo.cache.memory;

import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreEntry;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongBiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Store} in a {@link ConcurrentHashMap}, bounded by entry count with least-recently-used eviction
 * approximated by the CLOCK algorithm.
 *
 * <p><b>Design.</b> Each key's writes run inside one {@code ConcurrentHashMap.compute}. Entries sit in a
 * ring in insertion order, guarded by one eviction lock that reads never take: a read (or an update) only
 * sets the entry's reference bit, and only if it is clear, so a hot entry costs its readers no write at
 * all. To evict, the hand walks the ring from its oldest end: an entry with its bit set is given a second
 * chance (bit cleared, moved to the young end); the first entry without it is evicted. So the victim is
 * always an entry not used since the hand last passed it, and among those the oldest: entries used since
 * are never evicted before entries that were not (the recency tests show it), while the exact order among
 * used entries is not kept. This is the classic CLOCK approximation of LRU, chosen over an exact list with
 * read buffers because it makes a hit cost one map lookup and one field read. Inserts and removals take
 * the lock briefly to link, unlink and evict; once writes settle the store holds at most {@code maxSize}
 * entries.
 *
 * <p><b>Concurrency.</b> Thread safe. Locks are taken in one order only: a map bin lock is never held while
 * waiting for the eviction lock.
 *
 * <p><b>Expiry.</b> The store keeps expired entries until the engine, a read, or the shared {@link Sweeper}
 * removes them; the sweep reports each removal to the {@link Store.RemovalListener}.
 */
public final class MemoryStore<K, V> implements Store<K, V> {

  private final ConcurrentHashMap<K, Node<K, V>> map = new ConcurrentHashMap<>();
  private final long maxSize;
  private final Clock clock;
  private final ToLongBiFunction<K, V> weigher;
  private final Store.RemovalListener<K, V> removalListener;
  private final ReentrantLock evictionLock = new ReentrantLock();
  private final AccessOrder<K, V> accessOrder = new AccessOrder<>();
  private final LongAdder weight = new LongAdder();
  private final @Nullable ScheduledFuture<?> sweep;

  private MemoryStore(
      long maxSize,
      long sweepIntervalNanos,
      Clock clock,
      ToLongBiFunction<K, V> weigher,
      Store.RemovalListener<K, V> removalListener) {
    if (maxSize <= 0) {
      throw new IllegalArgumentException("maxSize must be > 0, but was " + maxSize);
    }
    this.maxSize = maxSize;
    this.clock = clock;
    this.weigher = weigher;
    this.removalListener = removalListener;
    this.sweep = sweepIntervalNanos > 0 ? Sweeper.schedule(this::expireEntries, sweepIntervalNanos) : null;
  }

  /**
   * Returns a new store.
   *
   * @param maxSize the entry bound, at least 1
   * @param sweepIntervalNanos the period of the background sweep of expired entries, 0 for none
   * @param clock the time source for the sweep's expiry checks
   * @param weigher estimates the bytes of a key and a stored value, for {@link #weight()}
   * @param removalListener told about evictions and swept expirations
   */
  public static <K, V> MemoryStore<K, V> create(
      long maxSize,
      long sweepIntervalNanos,
      Clock clock,
      ToLongBiFunction<K, V> weigher,
      Store.RemovalListener<K, V> removalListener) {
    return new MemoryStore<>(maxSize, sweepIntervalNanos, clock, weigher, removalListener);
  }

  @Override
  public @Nullable StoreEntry<V> get(K key) {
    Node<K, V> node = map.get(key);
    if (node == null) {
      return null;
    }
    node.markReferenced();
    return node.cell();
  }

  @Override
  public @Nullable StoreEntry<V> peek(K key) {
    Node<K, V> node = map.get(key);
    return node == null ? null : node.cell();
  }

  @Override
  public @Nullable StoreEntry<V> compute(K key, Remapping<V> remapping) {
    WriteOutcome<K, V> outcome = new WriteOutcome<>();
    Node<K, V> result =
        map.compute(
            key,
            (k, node) -> {
              Node.Cell<K, V> current = node == null ? null : node.cell();
              StoreEntry<V> next = remapping.remap(current);
              Node<K, V> applied = next == current ? node : apply(k, node, next, outcome);
              remapping.committed();
              return applied;
            });
    afterWrite(outcome);
    return result == null ? null : result.cell();
  }

  /**
   * Maps the key to the value in one {@code ConcurrentHashMap.compute}, without a remapping: an existing
   * node takes the new value in place. The weight is estimated before the bin lock is taken.
   */
  @Override
  public @Nullable StoreEntry<V> put(K key, V value, long expireAt) {
    long w = weigher.applyAsLong(key, value);
    WriteOutcome<K, V> outcome = new WriteOutcome<>();
    map.compute(
        key,
        (k, node) -> {
          if (node == null) {
            Node<K, V> created = new Node<>(k, value, expireAt, w);
            outcome.created = created;
            outcome.weightDelta = w;
            return created;
          }
          outcome.previous = node.cell();
          outcome.weightDelta = w - node.weight;
          node.set(value, expireAt);
          node.weight = w;
          node.markReferenced();
          return node;
        });
    afterWrite(outcome);
    return outcome.previous;
  }

  /** Applies a remapping's result to the node of a key; runs inside the key's map lock. */
  private @Nullable Node<K, V> apply(
      K k, @Nullable Node<K, V> node, @Nullable StoreEntry<V> next, WriteOutcome<K, V> outcome) {
    if (next == node) {
      return node;
    }
    if (next == null) {
      // node != null here, or next == node above
      node.retired = true;
      outcome.removed = node;
      outcome.weightDelta = -node.weight;
      return null;
    }
    long w = weigher.applyAsLong(k, next.value());
    if (node == null) {
      Node<K, V> created = new Node<>(k, next.value(), next.expireAt(), w);
      outcome.created = created;
      outcome.weightDelta = w;
      return created;
    }
    outcome.weightDelta = w - node.weight;
    node.set(next.value(), next.expireAt());
    node.weight = w;
    node.markReferenced();
    return node;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void updateExpiry(K key, StoreEntry<V> entry, long expireAt) {
    if (entry instanceof Node.Cell<?, ?> cell) {
      Node<K, V> node = (Node<K, V>) cell.node();
      if (!node.retired) {
        node.replaceExpiry((Node.Cell<K, V>) cell, expireAt);
      }
    } else if (entry instanceof Node<?, ?> node && !node.retired) {
      Node<K, V> typed = (Node<K, V>) node;
      typed.replaceExpiry(typed.cell(), expireAt);
    }
  }

  @Override
  public void clear() {
    evictionLock.lock();
    try {
      for (Node<K, V> node : map.values()) {
        if (map.remove(node.key, node)) {
          node.retired = true;
          weight.add(-node.weight);
          accessOrder.unlink(node);
        }
      }
    } finally {
      evictionLock.unlock();
    }
  }

  @Override
  public long size() {
    return map.mappingCount();
  }

  /** Returns the estimated bytes held, by the weigher given at creation. */
  public long weight() {
    return weight.sum();
  }

  /** Returns the entry bound. */
  public long maxSize() {
    return maxSize;
  }

  @Override
  public Iterator<? extends Map.Entry<K, ? extends StoreEntry<V>>> iterator() {
    return map.entrySet().iterator();
  }

  @Override
  public void close() {
    if (sweep != null) {
      sweep.cancel(false);
    }
  }

  /** Removes every entry expired now and reports each to the removal listener. Run by the sweeper. */
  void expireEntries() {
    long now = clock.nanos();
    for (Node<K, V> node : map.values()) {
      if (node.isExpired(now)) {
        WriteOutcome<K, V> outcome = new WriteOutcome<>();
        map.computeIfPresent(
            node.key,
            (k, current) -> {
              if (current != node || !current.isExpired(now)) {
                return current;
              }
              current.retired = true;
              outcome.removed = current;
              outcome.weightDelta = -current.weight;
              return null;
            });
        afterWrite(outcome);
        if (outcome.removed != null) {
          removalListener.onExpiration(node.key, node.cell());
        }
      }
    }
  }

  private void afterWrite(WriteOutcome<K, V> outcome) {
    if (outcome.weightDelta != 0) {
      weight.add(outcome.weightDelta);
    }
    Node<K, V> created = outcome.created;
    Node<K, V> removed = outcome.removed;
    if (created == null && removed == null) {
      return;
    }
    evictionLock.lock();
    try {
      if (removed != null) {
        accessOrder.unlink(removed);
      }
      if (created != null && !created.retired) {
        accessOrder.moveToTail(created);
      }
      evictIfNeeded();
    } finally {
      evictionLock.unlock();
    }
  }

  // guarded by evictionLock
  private void evictIfNeeded() {
    // second chances are bounded by one full turn of the ring per eviction, so readers that keep
    // setting reference bits cannot keep the hand walking
    long chances = accessOrder.size();
    while (map.mappingCount() > maxSize) {
      Node<K, V> victim = accessOrder.head();
      if (victim == null) {
        return; // inserts not yet linked: their own afterWrite evicts
      }
      if (victim.referenced && !victim.retired && chances-- > 0) {
        victim.referenced = false;
        accessOrder.moveToTail(victim);
        continue;
      }
      accessOrder.unlink(victim);
      boolean[] evicted = {false};
      map.computeIfPresent(
          victim.key,
          (k, current) -> {
            if (current != victim) {
              return current;
            }
            current.retired = true;
            evicted[0] = true;
            return null;
          });
      if (evicted[0]) {
        weight.add(-victim.weight);
        if (victim.isExpired(clock.nanos())) {
          removalListener.onExpiration(victim.key, victim.cell());
        } else {
          removalListener.onEviction(victim.key, victim.cell());
        }
      }
    }
  }

  /** What one compute did, collected inside the map lock and acted on after it. */
  private static final class WriteOutcome<K, V> {
    @Nullable Node<K, V> created;
    @Nullable Node<K, V> removed;
    @Nullable StoreEntry<V> previous;
    long weightDelta;
  }
}
