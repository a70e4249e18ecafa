package io.zenoo.cache.core;

import io.zenoo.cache.event.EventDispatcher;
import io.zenoo.cache.integration.CacheLoaderAdapter;
import io.zenoo.cache.serialization.Copier;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.StoreEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.cache.integration.CompletionListener;
import org.jspecify.annotations.Nullable;

/**
 * The loader's side of a cache: read-through on a miss of {@code get} and {@code getAll}, {@code loadAll},
 * and the values an entry processor reads through. A loaded value is stored without calling the writer, as
 * a creation (creation expiry, CREATED event), or with {@code loadAll(..., replaceExistingValues=true)} as
 * an update of a live entry.
 *
 * <p><b>Concurrency.</b> Each loaded value is stored in one {@link CacheEngine#compute} of its key, which
 * decides against the entry found then: a value written meanwhile is kept unless the load replaces existing
 * values. The loader itself is called outside any compute.
 *
 * <p><b>Failure.</b> A loader failure stores nothing and surfaces as the adapter's
 * {@code CacheLoaderException}: thrown to the reader, or handed to {@code loadAll}'s completion listener
 * (logged at WARN, with the cache's name and the cause, when the caller gave none). {@code loadAll} runs on
 * the cache's executor; if the executor refuses it, the listener gets that failure.
 */
final class Loading<K, V> {

  private final CacheEngine<K, V> engine;
  private final CacheLoaderAdapter<K, V> loader;
  private final Executor executor;
  private final Copier copier;
  private final Clock clock;
  private final ExpiryCalculator expiry;
  private final EventDispatcher<K, V> dispatcher;

  Loading(CacheEngine<K, V> engine, CacheLoaderAdapter<K, V> loader, Executor executor) {
    this.engine = engine;
    this.loader = loader;
    this.executor = executor;
    this.copier = engine.copier();
    this.clock = engine.clock();
    this.expiry = engine.expiry();
    this.dispatcher = engine.dispatcher();
  }

  /** Implements {@link CacheEngine#loadAll}. */
  void loadAll(
      Set<? extends K> keys, boolean replaceExistingValues, @Nullable CompletionListener completionListener) {
    engine.requireOpen();
    engine.requireKeys(keys);
    engine.requireNoTransaction("loadAll");
    CompletionListener listener =
        completionListener == null ? new LoggingCompletionListener(engine.getName(), keys.size()) : completionListener;
    if (!loader.isEnabled()) {
      listener.onCompletion();
      return;
    }
    List<K> toLoad = new ArrayList<>(keys);
    Runnable task =
        () -> {
          try {
            List<K> wanted = new ArrayList<>();
            for (K key : toLoad) {
              if (replaceExistingValues || !engine.containsKey(key)) {
                wanted.add(key);
              }
            }
            if (!wanted.isEmpty()) {
              Map<K, V> loaded = loader.loadAll(wanted);
              for (K key : wanted) {
                V value = loaded.get(key);
                if (value != null) {
                  storeLoaded(key, value, replaceExistingValues);
                }
              }
              dispatcher.awaitSynchronous();
            }
            listener.onCompletion();
          } catch (Exception e) {
            dispatcher.ignoreSynchronous();
            listener.onException(e);
          }
        };
    try {
      executor.execute(task);
    } catch (RuntimeException e) {
      listener.onException(e);
    }
  }

  /** Loads one key on a read-through miss and stores it as a creation. */
  @Nullable V loadAndStore(K key) {
    V value = loader.load(key);
    if (value == null) {
      return null;
    }
    engine.requireValueType(value);
    storeLoaded(key, value, /* replaceExisting= */ false);
    dispatcher.awaitSynchronous();
    return value;
  }

  /**
   * Loads, on a read-through {@code getAll}, the keys it missed in one {@code loadAll}, stores each value
   * the loader had as a creation, and adds it to the result.
   */
  void loadMissing(List<K> missing, Map<K, V> result) {
    Map<K, V> loaded = loader.loadAll(missing);
    for (K key : missing) {
      V value = loaded.get(key);
      if (value != null) {
        storeLoaded(key, value, /* replaceExisting= */ false);
        result.put(key, value);
      }
    }
    dispatcher.awaitSynchronous();
  }

  /**
   * Loads a value for an entry processor that read an absent entry, checking its type; stores nothing (the
   * processor's result is applied as a whole).
   */
  @Nullable V loadForProcessor(K key) {
    V value = loader.load(key);
    if (value != null) {
      engine.requireValueType(value);
    }
    return value;
  }

  /** Closes the loader if it is closeable; called when the cache closes. */
  void close() {
    loader.close();
  }

  /** Stores a loaded value without calling the writer: a creation, or an update if allowed. */
  @SuppressWarnings("unchecked")
  private void storeLoaded(K key, V value, boolean replaceExisting) {
    Object stored = copier.toStore(value);
    engine.compute(
        copier.copyKey(key),
        "load",
        (current, attempt) -> {
          long now = clock.nanos();
          StoreEntry<Object> live = engine.liveOrExpire(key, current, now, attempt);
          if (live == null) {
            long expireAt = expiry.onCreation(now);
            if (expireAt == ExpiryCalculator.NOT_STORED) {
              return null;
            }
            attempt.created(key, value);
            return StoreEntry.of(stored, expireAt);
          }
          if (!replaceExisting) {
            return live;
          }
          long expireAt = expiry.onUpdate(now, live.expireAt());
          attempt.updated(key, (V) copier.fromStore(live.value()), value);
          return StoreEntry.of(stored, expireAt);
        });
  }

  /**
   * The completion listener of {@code loadAll} calls made without one: nobody else would hear of a failure,
   * so it is logged at WARN with the cache's name and the cause (the loader's exception, whose message is
   * the loader's own; the cache adds no connection details).
   */
  private static final class LoggingCompletionListener implements CompletionListener {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Loading.class);

    private final String cacheName;
    private final int keys;

    LoggingCompletionListener(String cacheName, int keys) {
      this.cacheName = cacheName;
      this.keys = keys;
    }

    @Override
    public void onCompletion() {}

    @Override
    public void onException(Exception e) {
      LOG.warn("Cache {}: loadAll of {} keys failed and was given no CompletionListener to report to; "
          + "the keys not loaded are absent: {}", cacheName, keys, String.valueOf(e), e);
    }
  }
}
