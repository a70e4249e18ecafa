package io.zenoo.cache.memory;

import org.jspecify.annotations.Nullable;

/**
 * The eviction ring of a {@link MemoryStore}: a doubly linked list whose head is where the CLOCK hand
 * stands. New nodes and nodes given a second chance join at the tail. Not thread safe: the owner guards it
 * with its eviction lock.
 */
final class AccessOrder<K, V> {

  private @Nullable Node<K, V> head;
  private @Nullable Node<K, V> tail;
  private long size;

  /** Appends a node that is not linked, or moves a linked one, to the most recently used end. */
  void moveToTail(Node<K, V> node) {
    if (node.linked) {
      if (node == tail) {
        return;
      }
      unlink(node);
    }
    node.prev = tail;
    node.next = null;
    if (tail == null) {
      head = node;
    } else {
      tail.next = node;
    }
    tail = node;
    node.linked = true;
    size++;
  }

  /** Removes a node if it is linked. */
  void unlink(Node<K, V> node) {
    if (!node.linked) {
      return;
    }
    Node<K, V> p = node.prev;
    Node<K, V> n = node.next;
    if (p == null) {
      head = n;
    } else {
      p.next = n;
    }
    if (n == null) {
      tail = p;
    } else {
      n.prev = p;
    }
    node.prev = null;
    node.next = null;
    node.linked = false;
    size--;
  }

  /** Returns the number of linked nodes. */
  long size() {
    return size;
  }

  /** Returns the least recently used node, or null when empty. */
  @Nullable Node<K, V> head() {
    return head;
  }

  void clear() {
    Node<K, V> node = head;
    while (node != null) {
      Node<K, V> next = node.next;
      node.prev = null;
      node.next = null;
      node.linked = false;
      node = next;
    }
    head = null;
    tail = null;
    size = 0;
  }
}
