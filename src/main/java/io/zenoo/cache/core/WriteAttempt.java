package io.zenoo.cache.core;

import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreEntry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One write operation's decision for one key, as the store runs it, and the guard that keeps a repeated
 * decision from repeating anything the outside sees.
 *
 * <p><b>Why.</b> A remote store may run the decision more than once for one call: after a lost
 * compare-and-set (another client wrote the key between the read and the write), after a failure before
 * the write was sent (retried), and on the in-memory fallback after the remote write failed. Every run but
 * the last is thrown away, so a run must leave no trace outside until the store says which one counts.
 *
 * <p><b>Events and statistics</b> a run wants are recorded here and carried out in {@link #committed()},
 * which the store calls once the write took effect and while it still holds off other writers of the key:
 * so they come out once, and events of a key in write order. The operation's own statistics are counted by
 * the caller after the store returned, from what the last run decided.
 *
 * <p><b>The writer</b> cannot wait for the commit: JCache requires that a writer failure leaves the cache
 * unchanged, so the writer is called before the store writes, from inside the run (under the store's
 * per-key lock in this JVM, so the system of record sees this JVM's writes of a key in the order the cache
 * commits them). Decisions call it through {@link #write} and {@link #delete}, which remember what this
 * call already sent and send it again only if a later run decides something else: a put, a removal or a
 * replace that reaches the same outcome on the new entry (the usual case) calls the writer exactly once
 * however often the store repeats the run; an entry processor re-run on an entry another client changed
 * may produce another value, which the writer then receives, so that the system of record ends with what
 * the cache holds. A writer call that failed is not remembered (the store wrote nothing).
 *
 * <p>Confined to the thread running the operation (the store runs every attempt of one call on it, or
 * one after another).
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

  /** What this call already sent to the writer: nothing yet, a write of {@link #writtenValue}, a delete. */
  private static final byte SENT_NOTHING = 0;
  private static final byte SENT_WRITE = 1;
  private static final byte SENT_DELETE = 2;

  private final CacheEngine<K, V> cache;
  private final Decision<K, V> decision;
  private final boolean recordEvents;
  private @Nullable List<Event<K, V>> events;
  private int expirations;
  private byte sent = SENT_NOTHING;
  private @Nullable V writtenValue;

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

  /**
   * Writes the entry through to the cache's writer, unless an earlier run of this call's decision already
   * wrote this very value (see the class comment). A writer failure propagates and is not remembered.
   */
  void write(K key, V value) {
    if (sent == SENT_WRITE && (writtenValue == value || java.util.Objects.equals(writtenValue, value))) {
      return;
    }
    cache.writer().write(new EngineEntry<>(key, value));
    sent = SENT_WRITE;
    writtenValue = value;
  }

  /**
   * Deletes the key through the cache's writer, unless an earlier run of this call's decision already did
   * (see the class comment). A writer failure propagates and is not remembered.
   */
  void delete(K key) {
    if (sent == SENT_DELETE) {
      return;
    }
    cache.writer().delete(key);
    sent = SENT_DELETE;
    writtenValue = null;
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
