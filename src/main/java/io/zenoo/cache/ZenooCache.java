package io.zenoo.cache;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import javax.cache.Cache;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Cache} with what the zenoo backends add to JCache: an explicit connection lifecycle, a per-entry
 * time to live, asynchronous forms and a statistics snapshot. Every cache this provider creates is one.
 *
 * <p>The seed API's names map onto these: {@code set} is {@link #put(Object, Object, Duration)} (or
 * {@link #put(Object, Object)}), {@code delete} is {@link #remove(Object)}, {@code exists} is
 * {@link #containsKey(Object)}, {@code get_stats} is {@link #stats()} and {@code disconnect} is
 * {@link #close()}.
 *
 * <p>The asynchronous forms check their arguments and the cache's state at once and throw as the
 * synchronous forms do ({@code NullPointerException}, {@code ClassCastException},
 * {@code IllegalStateException}); a failure of the operation itself completes the stage exceptionally.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface ZenooCache<K, V> extends Cache<K, V> {

  /**
   * Opens what the backend needs (a no-op in memory). Idempotent.
   *
   * @throws javax.cache.CacheException if the backend cannot be reached and no fallback is configured
   * @throws IllegalStateException if the cache is closed
   */
  void connect();

  /**
   * Associates the value with the key for the given time to live, overriding the cache's expiry policy for
   * this write. Listeners, writer and statistics see an ordinary put.
   *
   * @param ttl how long the entry lives, or null for never expiring
   * @throws IllegalArgumentException if the ttl is zero or negative
   */
  void put(K key, V value, @Nullable Duration ttl);

  /** Returns the value as {@link #get(Object)} would, without blocking the caller on a remote backend. */
  CompletionStage<@Nullable V> getAsync(K key);

  /** Puts as {@link #put(Object, Object)} would, without blocking the caller on a remote backend. */
  CompletionStage<Void> putAsync(K key, V value);

  /** Puts as {@link #put(Object, Object, Duration)} would, without blocking the caller on a remote backend. */
  CompletionStage<Void> putAsync(K key, V value, @Nullable Duration ttl);

  /** Removes as {@link #remove(Object)} would, without blocking the caller on a remote backend. */
  CompletionStage<Boolean> removeAsync(K key);

  /** Answers as {@link #containsKey(Object)} would, without blocking the caller on a remote backend. */
  CompletionStage<Boolean> containsKeyAsync(K key);

  /** Clears as {@link #clear()} would, without blocking the caller on a remote backend. */
  CompletionStage<Void> clearAsync();

  /** Returns a snapshot of the backend's statistics, keyed by the seed API's names. */
  CacheStats stats();
}
