package io.zenoo.cache.core;

import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreEntry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One write operation's decision for one key, as the store runs it. What the decision wants to happen
 * besides the write (events, expiration counts) is recorded here and carried out in {@link #committed()},
 * which the store calls once the write took effect and while it still holds off other writers of the key:
 * so a decision the store runs twice (a remote store's lost compare-and-set) publishes its events once,
 * and events of a key come out in write order.
 *
 * <p>Confined to the thread running the operation.
 */
final class WriteAttempt<K, V> implements Store.Remapping<Object> {

  /** The engine's decision, given the current entry and the attempt to record side effects in. */
  @FunctionalInterface
  interface Decision<K, V> {
    @Nullable StoreEntry<Object> decide(@Nullable StoreEntry<Object> current, WriteAttempt<K, V> attempt);
  }

  private enum Kind {
    CREATED,
    UPDATED,
    REMOVED,
    EXPIRED
  }

  private record Event<K, V>(Kind kind, K key, @Nullable V value, @Nullable V oldValue) {}

  private final CacheEngine<K, V> cache;
  private final Decision<K, V> decision;
  private final boolean recordEvents;
  private @Nullable List<Event<K, V>> events;
  private int expirations;

  WriteAttempt(CacheEngine<K, V> cache, Decision<K, V> decision, boolean recordEvents) {
    this.cache = cache;
    this.decision = decision;
    this.recordEvents = recordEvents;
  }

  @Override
  public @Nullable StoreEntry<Object> remap(@Nullable StoreEntry<Object> current) {
    reset();
    return decision.decide(current, this);
  }

  @Override
  public void committed() {
    if (expirations != 0) {
      cache.recordExpirations(expirations);
    }
    List<Event<K, V>> pending = events;
    if (pending != null) {
      for (Event<K, V> e : pending) {
        cache.publish(e.kind().ordinal(), e.key(), e.value(), e.oldValue());
      }
    }
    reset();
  }

  @Override
  public void discarded() {
    reset();
  }

  private void reset() {
    events = null;
    expirations = 0;
  }

  /** Returns whether events are recorded (someone listens), so decisions can skip building old values. */
  boolean recordsEvents() {
    return recordEvents;
  }

  void created(K key, V value) {
    record(Kind.CREATED, key, value, null);
  }

  void updated(K key, V oldValue, V newValue) {
    record(Kind.UPDATED, key, newValue, oldValue);
  }

  void removed(K key, V oldValue) {
    record(Kind.REMOVED, key, oldValue, oldValue);
  }

  void expired(K key, V oldValue) {
    expirations++;
    record(Kind.EXPIRED, key, oldValue, oldValue);
  }

  private void record(Kind kind, K key, @Nullable V value, @Nullable V oldValue) {
    if (!recordEvents) {
      return;
    }
    if (events == null) {
      events = new ArrayList<>(2);
    }
    events.add(new Event<>(kind, key, value, oldValue));
  }

  /** Event kinds by ordinal, for {@link CacheEngine#publish}. */
  static final int CREATED = 0;
  static final int UPDATED = 1;
  static final int REMOVED = 2;
  static final int EXPIRED = 3;
}
