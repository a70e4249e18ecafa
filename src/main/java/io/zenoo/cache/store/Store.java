package io.zenoo.cache.store;

import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The seam between the JCache engine and a backend: storage only, no JCache semantics.
 *
 * <p>A store holds keys (already copied by the engine when storing by value) and stored values with their
 * expiry instant. It never calls an expiry policy, publishes an event or counts a statistic; the engine does
 * that. Expired entries may still be held: the engine judges expiry by {@link StoreEntry#isExpired(long)}.
 *
 * <p><b>Atomicity.</b> {@link #compute} is the one read-decide-write primitive: the engine's decision for a
 * key runs while no other write to that key can interleave. In memory this is one
 * {@code ConcurrentHashMap.compute}; a remote store realises it as a versioned compare-and-set retried on
 * conflict: a {@link Remapping} may then be asked again, and is told so through {@link Remapping#discarded()};
 * {@link Remapping#committed()} marks the one attempt that took effect.
 *
 * <p><b>Concurrency.</b> Every method is safe to call from any thread.
 *
 * @param <K> the key type
 * @param <V> the stored value type
 */
public interface Store<K, V> {

  /**
   * Returns the entry for the key, expired or not, or null; records the access for eviction ordering.
   */
  @Nullable StoreEntry<V> get(K key) throws StoreAccessException;

  /**
   * Returns the entry for the key without recording an access (for {@code containsKey} and the engine's
   * own look-ups), or null.
   */
  @Nullable StoreEntry<V> peek(K key) throws StoreAccessException;

  /**
   * Atomically replaces the mapping of the key by what the remapping returns: {@code null} removes it,
   * the very entry it was given keeps it unchanged, any other entry is written.
   *
   * @return the entry now mapped, or null
   */
  @Nullable StoreEntry<V> compute(K key, Remapping<V> remapping) throws StoreAccessException;

  /**
   * Maps the key to the value, whatever it maps to now, and returns the previous entry (possibly expired)
   * or null: the unconditional write the engine uses when neither a writer nor a listener needs to see the
   * old entry and the expiry does not depend on it. The default goes through {@link #compute}; a remote
   * store does it in one round trip.
   */
  default @Nullable StoreEntry<V> put(K key, V value, long expireAt) throws StoreAccessException {
    java.util.concurrent.atomic.AtomicReference<@Nullable StoreEntry<V>> previous =
        new java.util.concurrent.atomic.AtomicReference<>();
    compute(key, current -> {
      previous.set(current);
      return StoreEntry.of(value, expireAt);
    });
    return previous.get();
  }

  /**
   * Returns the entries of the keys that have one (expired ones included), as {@link #get} would one by
   * one; a remote store fetches them in one round trip.
   */
  default java.util.Map<K, StoreEntry<V>> getAll(java.util.Collection<K> keys) throws StoreAccessException {
    java.util.Map<K, StoreEntry<V>> found = new java.util.HashMap<>();
    for (K key : keys) {
      StoreEntry<V> entry = get(key);
      if (entry != null) {
        found.put(key, entry);
      }
    }
    return found;
  }

  /**
   * Writes every entry as {@link #put} would, all with the same expiry, and returns the previous entries
   * in the map's order (null where there was none); a remote store pipelines the writes.
   */
  default java.util.List<@Nullable StoreEntry<V>> putAll(java.util.Map<K, V> entries, long expireAt)
      throws StoreAccessException {
    java.util.List<@Nullable StoreEntry<V>> previous = new java.util.ArrayList<>(entries.size());
    for (java.util.Map.Entry<K, V> e : entries.entrySet()) {
      previous.add(put(e.getKey(), e.getValue(), expireAt));
    }
    return previous;
  }

  /**
   * Applies a batch of writes and returns the entries they replaced (possibly expired), for the keys that
   * had one: a non-null entry is written as given, {@code null} removes the key. This is how a committed
   * cache transaction lands in the store.
   *
   * <p>A remote store applies the batch atomically, so that no other client sees some of its writes without
   * the others. The default applies it key by key with {@link #compute}: each key atomically, the batch as
   * a whole not (another thread may see it half applied, never a write that is not in it).
   *
   * @param writes what each key must map to afterwards (null: absent), in the order to apply them
   */
  default Map<K, StoreEntry<V>> writeAll(Map<K, @Nullable StoreEntry<V>> writes) throws StoreAccessException {
    Map<K, StoreEntry<V>> previous = new java.util.HashMap<>();
    for (Map.Entry<K, @Nullable StoreEntry<V>> write : writes.entrySet()) {
      StoreEntry<V> next = write.getValue();
      compute(write.getKey(), current -> {
        if (current == null) {
          previous.remove(write.getKey());
        } else {
          previous.put(write.getKey(), current);
        }
        return next == null ? null : StoreEntry.of(next.value(), next.expireAt());
      });
    }
    return previous;
  }

  /** Runs {@link #put} without blocking the caller on I/O; the default runs it at once. */
  default java.util.concurrent.CompletionStage<@Nullable StoreEntry<V>> putAsync(K key, V value, long expireAt) {
    try {
      return java.util.concurrent.CompletableFuture.completedFuture(put(key, value, expireAt));
    } catch (StoreAccessException | RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Sets a new expiry instant on an entry that a {@link #get} just returned, if it is still mapped (the
   * access-expiry update of a read). A lost race with a concurrent write leaves the write's expiry.
   */
  void updateExpiry(K key, StoreEntry<V> entry, long expireAt) throws StoreAccessException;

  /**
   * Returns, without blocking the caller on I/O, what {@link #get} returns. The default answers at once
   * from {@link #get}, for stores that never wait; a remote store completes the stage from its I/O thread.
   */
  default java.util.concurrent.CompletionStage<@Nullable StoreEntry<V>> getAsync(K key) {
    try {
      return java.util.concurrent.CompletableFuture.completedFuture(get(key));
    } catch (StoreAccessException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Runs {@link #compute} without blocking the caller on I/O. A remote store may run the remapping on its
   * I/O thread, so the engine uses it only for remappings that call no user code that may block (no
   * writer, no listener). The default runs {@link #compute} at once.
   */
  default java.util.concurrent.CompletionStage<@Nullable StoreEntry<V>> computeAsync(K key, Remapping<V> remapping) {
    try {
      return java.util.concurrent.CompletableFuture.completedFuture(compute(key, remapping));
    } catch (StoreAccessException | RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /** Removes every entry without notifying anyone. */
  void clear() throws StoreAccessException;

  /** Returns the number of entries held, expired ones included. */
  long size();

  /** Returns a weakly consistent iterator over the entries, expired ones included. */
  Iterator<? extends Map.Entry<K, ? extends StoreEntry<V>>> iterator();

  /** Releases what the store holds (threads, connections, scheduled tasks). Idempotent. */
  void close();

  /**
   * The engine's decision for one key, run atomically by {@link Store#compute}.
   *
   * @param <V> the stored value type
   */
  @FunctionalInterface
  interface Remapping<V> {

    /**
     * Returns what the key must map to, given what it maps to now.
     *
     * @param current the current entry, possibly expired, or null when absent
     */
    @Nullable StoreEntry<V> remap(@Nullable StoreEntry<V> current);

    /**
     * Called once the result of the last {@link #remap} is in place (or, when it returned its argument,
     * kept), while other writers of this store to the same key are still held off: the engine publishes
     * the operation's events here so that they come out in write order.
     */
    default void committed() {}

    /**
     * Called when the store discards the result of the last {@link #remap} because the entry changed
     * underneath (a remote store's lost compare-and-set); {@link #remap} is called again with the new
     * current entry.
     */
    default void discarded() {}
  }

  /**
   * Told by a store about entries it drops by itself, so the engine can count them and publish events.
   *
   * @param <K> the key type
   * @param <V> the stored value type
   */
  interface RemovalListener<K, V> {

    /** Called after the store evicted a live entry to respect its size bound. */
    void onEviction(K key, StoreEntry<V> entry);

    /** Called after the store's background sweep removed an expired entry. */
    void onExpiration(K key, StoreEntry<V> entry);
  }
}
