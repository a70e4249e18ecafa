package io.zenoo.cache.core;

import io.zenoo.cache.event.EventDispatcher;
import io.zenoo.cache.integration.CacheWriterAdapter;
import io.zenoo.cache.management.CacheStatistics;
import io.zenoo.cache.serialization.Copier;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreEntry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous forms of the seed API: {@code getAsync}, {@code putAsync}, {@code removeAsync},
 * {@code containsKeyAsync} and {@code clearAsync}, each with the expiry, statistics and failures of its
 * synchronous form. Unlike {@code get}, {@code put} and {@code remove}, they are not recorded in a cache
 * transaction: they throw {@code IllegalStateException} while the calling thread has one open.
 *
 * <p><b>Threads.</b> A put or remove on a cache with no writer and no listener, and a get that finds a live
 * entry whose access expiry never changes, are the store's own asynchronous calls ({@code getAsync},
 * {@code putAsync}, {@code computeAsync}) and complete on the store's I/O thread: no caller thread waits for
 * a remote store. Otherwise (a writer, which may block; synchronous listeners to wait for; on a get, a miss,
 * an expired entry or an access expiry to apply) the rest of the operation runs on the cache's executor, as
 * the synchronous form would; {@code clearAsync} always does. The checks (closed, nulls, types, no open
 * transaction) run on the calling thread and throw there.
 *
 * <p><b>Failure.</b> A store failure completes the stage exceptionally with the same
 * {@link io.zenoo.cache.CacheAccessException} the synchronous form throws.
 */
final class AsyncOperations<K, V> {

  private final CacheEngine<K, V> engine;
  private final Executor executor;
  private final Store<K, Object> store;
  private final Copier copier;
  private final Clock clock;
  private final ExpiryCalculator expiry;
  private final CacheWriterAdapter<K, V> writer;
  private final EventDispatcher<K, V> dispatcher;
  private final CacheStatistics statistics;

  AsyncOperations(CacheEngine<K, V> engine, Executor executor) {
    this.engine = engine;
    this.executor = executor;
    this.store = engine.store();
    this.copier = engine.copier();
    this.clock = engine.clock();
    this.expiry = engine.expiry();
    this.writer = engine.writer();
    this.dispatcher = engine.dispatcher();
    this.statistics = engine.statistics();
  }

  /**
   * Implements {@code getAsync}: a live hit with no access expiry to apply completes on the store's I/O
   * thread; expiry, access-expiry updates and read-through continue on the cache's executor.
   */
  CompletionStage<@Nullable V> getAsync(K key) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireNoTransaction("getAsync");
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    return translated(store.getAsync(key), "get").thenCompose(entry -> {
      if (entry != null && expiry.accessNeverChanges()
          && (entry.expireAt() == StoreEntry.NEVER || !entry.isExpired(clock.nanos()))) {
        V value = engine.decode(key, entry);
        if (value != null) {
          engine.countHits(1);
          if (statsEnabled) {
            statistics.recordHits(1);
            statistics.recordGetTime(clock.nanos() - start);
          }
          return CompletableFuture.completedFuture(value);
        }
      }
      return CompletableFuture.supplyAsync(() -> engine.finishGet(key, entry, start, statsEnabled), executor);
    });
  }

  /** Implements {@code putAsync(key, value)} under the expiry policy. */
  CompletionStage<Void> putAsync(K key, V value) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireValue(value);
    engine.requireNoTransaction("putAsync");
    return putAsync(key, value, null, /* fixedTtl= */ false);
  }

  /** Implements {@code putAsync(key, value, ttl)} with a fixed TTL (null: never expires). */
  CompletionStage<Void> putAsync(K key, V value, @Nullable Duration ttl) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireValue(value);
    if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
      throw new IllegalArgumentException("ttl must be positive (or null for no expiry), but was " + ttl);
    }
    engine.requireNoTransaction("putAsync");
    return putAsync(key, value, ttl, /* fixedTtl= */ true);
  }

  /**
   * Puts without holding a thread while a remote store answers. With a writer or listeners (user code that
   * may block, and synchronous listeners to wait for), the synchronous put runs on the cache's executor
   * instead.
   *
   * @param fixedTtl whether {@code ttl} replaces the expiry policy
   */
  private CompletionStage<Void> putAsync(K key, V value, @Nullable Duration ttl, boolean fixedTtl) {
    if (writer.isEnabled() || dispatcher.hasListeners()) {
      return CompletableFuture.runAsync(() -> {
        if (fixedTtl) {
          engine.put(key, value, ttl);
        } else {
          engine.put(key, value);
        }
      }, executor);
    }
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    if (engine.blindPutAllowed(fixedTtl)) {
      long now = clock.nanos();
      long expireAt = fixedTtl
          ? (ttl == null ? StoreEntry.NEVER : ExpiryCalculator.afterTtl(now, ttl))
          : expiry.onAnyWrite(now);
      return translated(store.putAsync(copier.copyKey(key), copier.toStore(value), expireAt), "put")
          .thenApply(previous -> {
            if (previous != null && previous.isExpired(now)) {
              engine.recordExpirations(1);
            }
            if (statsEnabled) {
              statistics.recordPuts(1);
              statistics.recordPutTime(clock.nanos() - start);
            }
            return null;
          });
    }
    boolean[] written = {false};
    WriteAttempt<K, V> attempt =
        new WriteAttempt<>(engine, engine.putDecision(key, value, ttl, fixedTtl, false, null, written), false);
    return translated(store.computeAsync(copier.copyKey(key), attempt), "put").thenApply(ignored -> {
      if (statsEnabled) {
        if (written[0]) {
          statistics.recordPuts(1);
        }
        statistics.recordPutTime(clock.nanos() - start);
      }
      return null;
    });
  }

  /** Implements {@code removeAsync}; with a writer or listeners, the synchronous remove runs on the executor. */
  CompletionStage<Boolean> removeAsync(K key) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireNoTransaction("removeAsync");
    if (writer.isEnabled() || dispatcher.hasListeners()) {
      return CompletableFuture.supplyAsync(() -> engine.remove(key), executor);
    }
    boolean statsEnabled = statistics.isEnabled();
    long start = statsEnabled ? clock.nanos() : 0L;
    Object[] removed = new Object[1];
    WriteAttempt<K, V> attempt = new WriteAttempt<>(engine, engine.removeDecision(key, false, removed), false);
    return translated(store.computeAsync(key, attempt), "remove").thenApply(ignored -> {
      boolean done = removed[0] != null;
      if (statsEnabled) {
        if (done) {
          statistics.recordRemovals(1);
        }
        statistics.recordRemoveTime(clock.nanos() - start);
      }
      return done;
    });
  }

  /** Implements {@code containsKeyAsync}. */
  CompletionStage<Boolean> containsKeyAsync(K key) {
    engine.requireOpen();
    engine.requireKey(key);
    engine.requireNoTransaction("containsKeyAsync");
    return translated(store.getAsync(key), "containsKey")
        .thenApply(entry -> entry != null && !entry.isExpired(clock.nanos()));
  }

  /** Implements {@code clearAsync}: {@code clear} on the cache's executor. */
  CompletionStage<Void> clearAsync() {
    engine.requireOpen();
    engine.requireNoTransaction("clearAsync");
    return CompletableFuture.runAsync(engine::clear, executor);
  }

  /** Turns a store's asynchronous failure into the cache's exception, as the synchronous forms throw it. */
  private <T> CompletableFuture<T> translated(CompletionStage<T> stage, String operation) {
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete((value, error) -> {
      if (error == null) {
        result.complete(value);
        return;
      }
      Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
          ? error.getCause() : error;
      result.completeExceptionally(
          cause instanceof StoreAccessException e ? engine.storeFailure(operation, e) : cause);
    });
    return result;
  }
}
