package io.zenoo.cache.core;

import static java.util.Objects.requireNonNull;

import io.zenoo.cache.event.EventDispatcher;
import io.zenoo.cache.management.CacheStatistics;
import io.zenoo.cache.serialization.Copier;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.StoreEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import org.jspecify.annotations.Nullable;

/**
 * {@code invoke} and {@code invokeAll}: runs an entry processor on a {@link ProcessorEntry} and applies the
 * net change it made ({@link ProcessorEntry#action()}) as a creation, an update, a removal, an access or
 * nothing, with the writer, the expiry, the events and the statistics of that change.
 *
 * <p><b>Concurrency.</b> The processor runs inside the key's {@link CacheEngine#compute}, so no other write
 * to the key interleaves with it and its change is applied to the entry it saw. A remote store may run the
 * decision again after losing a compare-and-set, so the processor may run more than once per call; only the
 * run that took effect publishes events, and the counts are those of that run. The writer is called through
 * the {@link WriteAttempt}: once per call, and again only when a re-run on a changed entry produced another
 * value or action, so the system of record receives what the cache ends up holding.
 *
 * <p><b>Failure.</b> Whatever the processor or the writer throws leaves the entry as it was and reaches the
 * caller as an {@link EntryProcessorException}, which {@code invokeAll} hands back as that key's result
 * before going on with the other keys. A store failure is not the processor's: it reaches the caller as the
 * engine's {@link io.zenoo.cache.CacheAccessException} (a {@link io.zenoo.cache.CacheUnavailableException}
 * when Redis is unavailable and no fallback serves), from {@code invoke} and from {@code invokeAll} alike,
 * which then stops at that key. A processor that reads an absent entry of a read-through cache
 * loads it through {@link Loading#loadForProcessor}.
 */
final class EntryProcessors<K, V> {

  private final CacheEngine<K, V> engine;
  private final ProcessorEntry.@Nullable Loader<K, V> loader;
  private final Copier copier;
  private final Clock clock;
  private final ExpiryCalculator expiry;
  private final EventDispatcher<K, V> dispatcher;
  private final CacheStatistics statistics;

  /**
   * Creates the entry processors of a cache.
   *
   * @param loader what a processor reading an absent entry loads through; null unless read-through
   */
  EntryProcessors(CacheEngine<K, V> engine, ProcessorEntry.@Nullable Loader<K, V> loader) {
    this.engine = engine;
    this.loader = loader;
    this.copier = engine.copier();
    this.clock = engine.clock();
    this.expiry = engine.expiry();
    this.dispatcher = engine.dispatcher();
    this.statistics = engine.statistics();
  }

  /** Implements {@link CacheEngine#invoke}. */
  <T> @Nullable T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    engine.requireOpen();
    engine.requireKey(key);
    requireNonNull(entryProcessor, "entryProcessor");
    engine.requireNoTransaction("invoke");
    return invokeOne(key, entryProcessor, arguments);
  }

  /** Implements {@link CacheEngine#invokeAll}: each key on its own, a failure as that key's result. */
  <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keys, EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    engine.requireOpen();
    engine.requireKeys(keys);
    requireNonNull(entryProcessor, "entryProcessor");
    engine.requireNoTransaction("invokeAll");
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T result = invokeOne(key, entryProcessor, arguments);
        if (result != null) {
          results.put(key, () -> result);
        }
      } catch (EntryProcessorException e) {
        results.put(
            key,
            () -> {
              throw e;
            });
      }
    }
    return results;
  }

  /** Runs the processor on the key's entry and applies its net change in one write of the key. */
  @SuppressWarnings("unchecked")
  private <T> @Nullable T invokeOne(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    Object[] result = new Object[1];
    long[] counts = new long[4]; // hits, misses, puts, removals
    try {
      engine.compute(
          copier.copyKey(key),
          "invoke",
          (current, attempt) -> {
            long now = clock.nanos();
            StoreEntry<Object> live = engine.liveOrExpire(key, current, now, attempt);
            V value = live == null ? null : (V) copier.fromStore(live.value());
            java.util.Arrays.fill(counts, 0L);
            counts[0] = live == null ? 0 : 1;
            counts[1] = live == null ? 1 : 0;
            ProcessorEntry<K, V> entry = new ProcessorEntry<>(key, value, loader);
            try {
              result[0] = processor.process(entry, arguments);
            } catch (EntryProcessorException e) {
              throw e;
            } catch (RuntimeException e) {
              throw new EntryProcessorException(e);
            }
            return applyProcessor(key, live, entry, now, counts, attempt);
          });
    } catch (EntryProcessorException e) {
      dispatcher.ignoreSynchronous();
      throw e;
    } catch (io.zenoo.cache.CacheAccessException e) {
      // the store failed, not the processor (whose own exceptions were wrapped above): an outage stays a
      // CacheUnavailableException, a conflict or error answer a CacheAccessException
      dispatcher.ignoreSynchronous();
      throw e;
    } catch (RuntimeException e) {
      dispatcher.ignoreSynchronous();
      throw new EntryProcessorException(e);
    }
    engine.awaitListeners();
    statistics.recordHits(counts[0]);
    statistics.recordMisses(counts[1]);
    statistics.recordPuts(counts[2]);
    statistics.recordRemovals(counts[3]);
    engine.countHits(counts[0]);
    engine.countMisses(counts[1]);
    return (T) result[0];
  }

  /** Applies what an entry processor did; returns the entry to map, as a store remapping would. */
  private @Nullable StoreEntry<Object> applyProcessor(
      K key,
      @Nullable StoreEntry<Object> live,
      ProcessorEntry<K, V> entry,
      long now,
      long[] counts,
      WriteAttempt<K, V> attempt) {
    V newValue = entry.currentValue();
    switch (entry.action()) {
      case NONE:
        return live;
      case READ:
        return live == null ? null : engine.withAccessExpiry(live, now);
      case CREATED:
      case LOADED: {
        engine.requireValueType(requireNonNull(newValue));
        if (entry.action() == ProcessorEntry.Action.CREATED) {
          attempt.write(key, newValue);
        }
        long expireAt = expiry.onCreation(now);
        if (expireAt == ExpiryCalculator.NOT_STORED) {
          return null;
        }
        counts[2] = 1;
        attempt.created(key, newValue);
        return StoreEntry.of(copier.toStore(newValue), expireAt);
      }
      case UPDATED: {
        engine.requireValueType(requireNonNull(newValue));
        StoreEntry<Object> existing = requireNonNull(live);
        attempt.write(key, newValue);
        @SuppressWarnings("unchecked")
        V old = (V) copier.fromStore(existing.value());
        counts[2] = 1;
        attempt.updated(key, old, newValue);
        return StoreEntry.of(copier.toStore(newValue), expiry.onUpdate(now, existing.expireAt()));
      }
      case DELETED_ABSENT:
        attempt.delete(key);
        return live;
      case DELETED: {
        StoreEntry<Object> existing = requireNonNull(live);
        attempt.delete(key);
        @SuppressWarnings("unchecked")
        V old = (V) copier.fromStore(existing.value());
        counts[3] = 1;
        attempt.removed(key, old);
        return null;
      }
      default:
        throw new IllegalStateException("Unknown action " + entry.action());
    }
  }
}
