package io.zenoo.bench;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.zenoo.cache.ZenooCache;
import java.util.concurrent.CompletableFuture;
import javax.cache.Cache;
import org.redisson.api.CacheAsync;

/**
 * The asynchronous get and put of a cache, whatever API its provider offers, found with {@code
 * Cache.unwrap}: {@link ZenooCache} (zenoo-cache), {@link CacheAsync} (Redisson's JCache), {@link
 * RedisAsyncCommands} (the {@code lettuce-*} baselines). Every API's futures are already {@link
 * CompletableFuture}s underneath, so {@code toCompletableFuture()} costs nothing.
 */
interface AsyncView {

  CompletableFuture<String> get(String key);

  CompletableFuture<?> put(String key, String value);

  @SuppressWarnings("unchecked")
  static AsyncView of(Cache<String, String> cache) {
    ZenooCache<String, String> zenoo = unwrap(cache, ZenooCache.class);
    if (zenoo != null) {
      return new AsyncView() {
        @Override
        public CompletableFuture<String> get(String key) {
          return zenoo.getAsync(key).toCompletableFuture();
        }

        @Override
        public CompletableFuture<?> put(String key, String value) {
          return zenoo.putAsync(key, value).toCompletableFuture();
        }
      };
    }
    CacheAsync<String, String> redisson = unwrap(cache, CacheAsync.class);
    if (redisson != null) {
      return new AsyncView() {
        @Override
        public CompletableFuture<String> get(String key) {
          return redisson.getAsync(key).toCompletableFuture();
        }

        @Override
        public CompletableFuture<?> put(String key, String value) {
          return redisson.putAsync(key, value).toCompletableFuture();
        }
      };
    }
    RedisAsyncCommands<String, String> lettuce = unwrap(cache, RedisAsyncCommands.class);
    if (lettuce != null) {
      return new AsyncView() {
        @Override
        public CompletableFuture<String> get(String key) {
          return lettuce.get(key).toCompletableFuture();
        }

        @Override
        public CompletableFuture<?> put(String key, String value) {
          return lettuce.set(key, value).toCompletableFuture();
        }
      };
    }
    throw new IllegalArgumentException(cache.getClass().getName() + " (" + cache.getName()
        + ") unwraps to none of ZenooCache, CacheAsync, RedisAsyncCommands");
  }

  /** {@code cache.unwrap(type)}, or null when the provider says no (by exception or by null). */
  @SuppressWarnings("rawtypes")
  private static <T> T unwrap(Cache<String, String> cache, Class type) {
    try {
      @SuppressWarnings("unchecked")
      T unwrapped = (T) cache.unwrap(type);
      return unwrapped;
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return null;
    }
  }
}
