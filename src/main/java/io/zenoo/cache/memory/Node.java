package io.zenoo.cache.memory;

import io.zenoo.cache.store.StoreEntry;
import org.jspecify.annotations.Nullable;

/**
 * A mapping held by {@link MemoryStore}, and its place in the access-order list.
 *
 * <p>A node is one write: {@code value} and {@code weight} never change; {@code expireAt} changes only by
 * the access-expiry update, a racing volatile write that is lost harmlessly once a later write has replaced
 * the node. The list links and {@code linked} are guarded by the store's eviction lock. {@code retired} is
 * set under the key's map lock when the node leaves the map (removed, evicted, expired or replaced by a
 * later write) and is read under the eviction lock. {@code referenced} is the CLOCK reference bit: set by
 * reads without any lock, cleared by the evicting thread.
 */
final class Node<K, V> implements StoreEntry<V> {

  final K key;
  private final V value;
  private volatile long expireAt;
  final long weight;
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
