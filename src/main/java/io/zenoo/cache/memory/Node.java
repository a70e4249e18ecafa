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
 * lock when the node leaves the map and is read under the eviction lock. {@code queue} (which of the
 * policy's three lists holds it) is guarded by the eviction lock. The pending-use count is written by reads
 * and updates without any lock (a lost increment only makes the estimate a little lower) and taken by the
 * eviction policy; it saturates at {@value #PENDING_CAP}, so an entry read often costs its readers no write
 * at all once it is saturated, until the policy next looks at it.
 */
final class Node<K, V> implements StoreEntry<V> {

  final K key;
  private volatile Cell<K, V> cell;
  volatile long weight;
  volatile boolean retired;
  @SuppressWarnings("unused") // through PENDING
  private int pending;

  // guarded by the eviction lock
  @Nullable Node<K, V> prev;
  @Nullable Node<K, V> next;
  boolean linked;
  byte queue;

  /** The most uses a node records between two looks of the policy: the sketch's counters stop at 15 too. */
  static final int PENDING_CAP = 15;

  Node(K key, V value, long expireAt, long weight) {
    this.key = key;
    this.cell = new Cell<>(this, value, expireAt);
    this.weight = weight;
    this.pending = 1; // its creation is its first use
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
  private static final java.lang.invoke.VarHandle PENDING;

  static {
    try {
      CELL = java.lang.invoke.MethodHandles.lookup().findVarHandle(Node.class, "cell", Cell.class);
      PENDING = java.lang.invoke.MethodHandles.lookup().findVarHandle(Node.class, "pending", int.class);
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

  /** Records one use for the eviction policy; writes nothing once {@value #PENDING_CAP} uses are pending. */
  void recordAccess() {
    int p = (int) PENDING.getOpaque(this);
    if (p < PENDING_CAP) {
      PENDING.setOpaque(this, p + 1);
    }
  }

  /** Returns the uses recorded since the last call and starts counting again from zero (eviction lock). */
  int takeAccesses() {
    int p = (int) PENDING.getOpaque(this);
    if (p != 0) {
      PENDING.setOpaque(this, 0);
    }
    return p;
  }

  @Override
  public String toString() {
    return "Node[" + key + ", expireAt=" + cell.expireAt() + ", retired=" + retired + "]";
  }
}
