package io.zenoo.cache.memory;

import io.zenoo.cache.store.StoreEntry;
import org.jspecify.annotations.Nullable;

/**
 * A mapping held by {@link MemoryStore}, and its place in the access-order list.
 *
 * <p>{@code value}, {@code expireAt} and {@code weight} are written under the key's map lock (or, for the
 * access-expiry update, by a racing volatile write that a concurrent write may overwrite). The list links
 * and {@code linked} are guarded by the store's eviction lock. {@code retired} is set under the key's map
 * lock when the node leaves the map and is read under the eviction lock. {@code referenced} is the CLOCK
 * reference bit: set by reads and updates without any lock, cleared by the evicting thread.
 */
final class Node<K, V> implements StoreEntry<V> {

  final K key;
  private volatile V value;
  private volatile long expireAt;
  volatile long weight;
  volatile boolean retired;
  volatile boolean referenced;

  // guarded by the eviction lock
  @Nullable Node<K, V> prev;
  @Nullable Node<K, V> next;
  boolean linked;

  Node(K key, V value, long expireAt, long weight) {
    this.key = key;
    this.value = value;
    this.expireAt = expireAt;
    this.weight = weight;
  }

  @Override
  public V value() {
    return value;
  }

  @Override
  public long expireAt() {
    return expireAt;
  }

  void set(V newValue, long newExpireAt) {
    this.value = newValue;
    this.expireAt = newExpireAt;
  }

  /** Marks the node as used since the eviction hand last passed it; writes only when the bit is clear. */
  void markReferenced() {
    if (!referenced) {
      referenced = true;
    }
  }

  void setExpireAt(long newExpireAt) {
    this.expireAt = newExpireAt;
  }

  @Override
  public String toString() {
    return "Node[" + key + ", expireAt=" + expireAt + ", retired=" + retired + "]";
  }
}
