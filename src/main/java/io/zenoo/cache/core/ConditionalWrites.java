package io.zenoo.cache.core;

import io.zenoo.cache.management.CacheStatistics;
import io.zenoo.cache.serialization.Copier;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.StoreEntry;
import org.jspecify.annotations.Nullable;

/**
 * The single-key writes that decide from the entry they find and answer with what they found:
 * {@code putIfAbsent}, {@code getAndPut}, {@code replace} and {@code getAndReplace}, {@code remove(key)},
 * {@code remove(key, oldValue)} and {@code getAndRemove}. Each updates the statistics the spec's table gives
 * it (a hit or a miss for those that read the value, a put or a removal for what it wrote); a comparison
 * that fails applies the access expiry to the entry it read.
 *
 * <p><b>Concurrency.</b> Each operation is one {@link CacheEngine#compute} of its key: the comparison, the
 * writer, the expiry and the events are decided inside it against the entry as the store holds it then, so
 * no other write to the key comes between the check and the act.
 *
 * <p><b>Transactions.</b> Only {@code remove(key)} is recorded in the calling thread's transaction; the
 * others throw {@code IllegalStateException} while one is open.
 */
final class ConditionalWrites<K, V> {

  private final CacheEngine<K, V> engine;
  private final Copier copier;
  private final Clock clock;
  private final ExpiryCalculator expiry;
  private final CacheStatistics statistics;

  ConditionalWrites(CacheEngine<K, V> engine) {
    this.engine = engine;
    this.copier = engine.copier();
    this.clock = engine.clock();
    this.expiry = engine.expiry();
    this.statistics = engine.statistics();
  }

  /** Implements {@code putIfAbsent}: writes only if no live entry exists. */
  boolean putIfAbsent(K key, V value) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireValue(value);
    engine.requireNoTransaction("putIfAbsent");
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    Object stored = copier.toStore(value);
    boolean[] absent = {false};
    boolean[] written = {false};
    engine.compute(
        copier.copyKey(key),
        "putIfAbsent",
        (current, attempt) -> {
          absent[0] = false;
          written[0] = false;
          long now = clock.nanos();
          StoreEntry<Object> live = engine.liveOrExpire(key, current, now, attempt);
          if (live != null) {
            return live;
          }
          absent[0] = true;
          attempt.write(key, value);
          long expireAt = expiry.onCreation(now);
          if (expireAt == ExpiryCalculator.NOT_STORED) {
            return null;
          }
          written[0] = true;
          attempt.created(key, value);
          return StoreEntry.of(stored, expireAt);
        });
    engine.awaitListeners();
    if (statsEnabled) {
      if (absent[0]) {
        statistics.recordMisses(1);
        if (written[0]) {
          statistics.recordPuts(1);
        }
      } else {
        statistics.recordHits(1);
      }
      statistics.recordPutTime(clock.nanos() - start);
    }
    return absent[0];
  }

  /** Implements {@code getAndPut}: a put that answers with the value it replaced. */
  @Nullable V getAndPut(K key, V value) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireValue(value);
    engine.requireNoTransaction("getAndPut");
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    Object[] previous = new Object[1];
    boolean written = engine.putInternal(key, value, null, /* fixedTtl= */ false, /* callWriter= */ true, previous);
    engine.awaitListeners();
    @SuppressWarnings("unchecked")
    V old = (V) previous[0];
    if (statsEnabled) {
      if (written) {
        statistics.recordPuts(1);
      }
      if (old == null) {
        statistics.recordMisses(1);
      } else {
        statistics.recordHits(1);
      }
      statistics.recordGetTime(clock.nanos() - start);
      statistics.recordPutTime(clock.nanos() - start);
    }
    return old;
  }

  /** Implements {@code replace(key, oldValue, newValue)}. */
  boolean replace(K key, V oldValue, V newValue) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireValue(oldValue);
    engine.requireValue(newValue);
    engine.requireNoTransaction("replace");
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    Object stored = copier.toStore(newValue);
    Comparison outcome = compareAndAct(key, oldValue, "replace", (attempt, old, live, now) -> {
      attempt.write(key, newValue);
      attempt.updated(key, old, newValue);
      return StoreEntry.of(stored, expiry.onUpdate(now, live.expireAt()));
    });
    if (statsEnabled) {
      recordComparison(outcome);
      if (outcome == Comparison.ACTED) {
        statistics.recordPuts(1);
      }
      statistics.recordPutTime(clock.nanos() - start);
    }
    return outcome == Comparison.ACTED;
  }

  /** Implements {@code replace(key, value)}. */
  boolean replace(K key, V value) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireValue(value);
    engine.requireNoTransaction("replace");
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    boolean replaced = replaceInternal(key, value, null);
    engine.awaitListeners();
    if (statsEnabled) {
      if (replaced) {
        statistics.recordHits(1);
        statistics.recordPuts(1);
      } else {
        statistics.recordMisses(1);
      }
      statistics.recordPutTime(clock.nanos() - start);
    }
    return replaced;
  }

  /** Implements {@code getAndReplace}. */
  @Nullable V getAndReplace(K key, V value) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireValue(value);
    engine.requireNoTransaction("getAndReplace");
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    Object[] previous = new Object[1];
    boolean replaced = replaceInternal(key, value, previous);
    engine.awaitListeners();
    @SuppressWarnings("unchecked")
    V old = (V) previous[0];
    if (statsEnabled) {
      if (replaced) {
        statistics.recordHits(1);
        statistics.recordPuts(1);
      } else {
        statistics.recordMisses(1);
      }
      statistics.recordGetTime(clock.nanos() - start);
      statistics.recordPutTime(clock.nanos() - start);
    }
    return old;
  }

  /**
   * Replaces a live entry with the writer, update expiry and event; returns whether it did.
   *
   * @param previous if not null, receives the caller's copy of the value replaced
   */
  @SuppressWarnings("unchecked")
  private boolean replaceInternal(K key, V value, Object @Nullable [] previous) {
    Object stored = copier.toStore(value);
    boolean[] replaced = {false};
    engine.compute(
        key,
        "replace",
        (current, attempt) -> {
          replaced[0] = false;
          if (previous != null) {
            previous[0] = null;
          }
          long now = clock.nanos();
          StoreEntry<Object> live = engine.liveOrExpire(key, current, now, attempt);
          if (live == null) {
            return null;
          }
          attempt.write(key, value);
          V old = (V) copier.fromStore(live.value());
          if (previous != null) {
            previous[0] = old;
          }
          replaced[0] = true;
          attempt.updated(key, old, value);
          return StoreEntry.of(stored, expiry.onUpdate(now, live.expireAt()));
        });
    return replaced[0];
  }

  /** Implements {@code remove(key)}, recorded in the thread's transaction if one is open. */
  boolean remove(K key) {
    engine.requireOpen();
    engine.requireKey(key);
    if (TransactionBinding.anyOpen()) {
      PendingWrites<K, V> tx = TransactionBinding.writes(engine, /* enlist= */ true);
      if (tx != null) {
        return tx.remove(key);
      }
    }
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    boolean removed = engine.removeInternal(key, /* callWriter= */ true) != null;
    engine.awaitListeners();
    if (statsEnabled) {
      if (removed) {
        statistics.recordRemovals(1);
      }
      statistics.recordRemoveTime(clock.nanos() - start);
    }
    return removed;
  }

  /** Implements {@code remove(key, oldValue)}. */
  boolean remove(K key, V oldValue) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireValue(oldValue);
    engine.requireNoTransaction("remove(key, oldValue)");
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    Comparison outcome = compareAndAct(key, oldValue, "remove", (attempt, old, live, now) -> {
      attempt.delete(key);
      attempt.removed(key, old);
      return null;
    });
    if (statsEnabled) {
      recordComparison(outcome);
      if (outcome == Comparison.ACTED) {
        statistics.recordRemovals(1);
      }
      statistics.recordRemoveTime(clock.nanos() - start);
    }
    return outcome == Comparison.ACTED;
  }

  /** What a compare-and-act found: no live entry, a live entry of another value, or the expected one (acted on). */
  private enum Comparison {
    ABSENT,
    DIFFERENT,
    ACTED
  }

  /** What {@link #compareAndAct} does to an entry holding the expected value; runs in the key's compute. */
  @FunctionalInterface
  private interface Action<K, V> {
    @Nullable StoreEntry<Object> apply(WriteAttempt<K, V> attempt, V old, StoreEntry<Object> live, long now);
  }

  /**
   * The shared step of {@code replace(key, oldValue, newValue)} and {@code remove(key, oldValue)}: in one
   * compute of the key, compares the live value with the expected one; if equal, applies the action; if
   * not, leaves the entry with its access expiry applied. Awaits synchronous listeners before returning.
   */
  @SuppressWarnings("unchecked")
  private Comparison compareAndAct(K key, V expected, String operation, Action<K, V> action) {
    Comparison[] outcome = {Comparison.ABSENT};
    engine.compute(
        key,
        operation,
        (current, attempt) -> {
          outcome[0] = Comparison.ABSENT;
          long now = clock.nanos();
          StoreEntry<Object> live = engine.liveOrExpire(key, current, now, attempt);
          if (live == null) {
            return null;
          }
          V old = (V) copier.fromStore(live.value());
          if (!old.equals(expected)) {
            outcome[0] = Comparison.DIFFERENT;
            return engine.withAccessExpiry(live, now);
          }
          StoreEntry<Object> next = action.apply(attempt, old, live, now);
          outcome[0] = Comparison.ACTED;
          return next;
        });
    engine.awaitListeners();
    return outcome[0];
  }

  /** Counts a compare-and-act's read: a hit when a live entry was found, a miss otherwise. */
  private void recordComparison(Comparison outcome) {
    if (outcome == Comparison.ABSENT) {
      statistics.recordMisses(1);
    } else {
      statistics.recordHits(1);
    }
  }

  /** Implements {@code getAndRemove}. */
  @Nullable V getAndRemove(K key) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireNoTransaction("getAndRemove");
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    V old = engine.removeInternal(key, /* callWriter= */ true);
    engine.awaitListeners();
    if (statsEnabled) {
      if (old == null) {
        statistics.recordMisses(1);
      } else {
        statistics.recordHits(1);
        statistics.recordRemovals(1);
      }
      statistics.recordGetTime(clock.nanos() - start);
      statistics.recordRemoveTime(clock.nanos() - start);
    }
    return old;
  }
}
