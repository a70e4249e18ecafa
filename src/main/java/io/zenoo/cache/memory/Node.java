package io.zenoo.cache.memory;

import io.zenoo.cache.store.StoreEntry;
import org.jspecify.annotations.Nullable;

/**
 * A mapping held by {@link MemoryStore}, and its place in the access-order list.
 *
 * <p>The value and expiry live together in an immutable {@link Cell}: writes replace it under the key's map
 * lock, reads hand it out, and the access-expiry update replaces it by compare-and-set, so it never
 * overwrites a newer write. {@code weight} is written under the key's map lock. The list links
 * and {@code linked} are guarded by the store's eviction lock. {@code retired} is set under the key's map
 * lock when the node leaves the map and is read under the eviction lock. {@code referenced} is the CLOCK
 * reference bit: set by reads and updates without any lock, cleared by the evicting thread.
 */
final class Node<K, V> implements StoreEntry<V> {

  final K key;
  private volatile Cell<K, V> cell;
  volatile long weight;
  volatile boolean retired;
  volatile boolean referenced;

  // guarded by the eviction lock
  @Nullable Node<K, V> prev;
  @Nullable Node<K, V> next;
  boolean linked;

  Node(K key, V value, long expireAt, long weight) {
    this.key = key;
    this.cell = new Cell<>(this, value, expireAt);
    this.weight = weight;
  }

  @Override
  public V value() {
    return cell.value();
  }

  @Override
  public long expireAt() {
    return cell.expireAt();
  }

  /** Returns the current value-and-expiry snapshot: what reads hand out. */
  Cell<K, V> cell() {
    return cell;
  }

  void set(V newValue, long newExpireAt) {
    this.cell = new Cell<>(this, newValue, newExpireAt);
  }

  /**
   * Replaces the expiry of the snapshot a reader saw, only if no write replaced that snapshot since: an
   * access-expiry update never overwrites a newer value or its expiry.
   */
  boolean replaceExpiry(Cell<K, V> seen, long newExpireAt) {
    return CELL.compareAndSet(this, seen, new Cell<>(this, seen.value(), newExpireAt));
  }

  private static final java.lang.invoke.VarHandle CELL;

  static {
    try {
      CELL = java.lang.invoke.MethodHandles.lookup().findVarHandle(Node.class, "cell", Cell.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** An immutable value and expiry of a node, as one read saw them. */
  record Cell<K, V>(Node<K, V> node, V value, long expireAt) implements StoreEntry<V> {
    @Override
    public String toString() {
      return "Cell[" + node.key + ", expireAt=" + expireAt + "]";
    }
  }

  /** Marks the node as used since the eviction hand last passed it; writes only when the bit is clear. */
  void markReferenced() {
    if (!referenced) {
      referenced = true;
    }
  }



  @Override
  public String toString() {
    return "Node[" + key + ", expireAt=" + cell.expireAt() + ", retired=" + retired + "]";
  }
}
