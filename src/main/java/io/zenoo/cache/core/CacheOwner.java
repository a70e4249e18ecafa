package io.zenoo.cache.core;

import io.zenoo.cache.internal.Resources;
import java.net.URI;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javax.cache.CacheManager;

/** What a cache needs from the manager that created it. Implemented by the JCache layer. */
public interface CacheOwner {

  /** Returns the manager, as {@code Cache.getCacheManager()} returns it. */
  CacheManager manager();

  /** Returns the manager's URI, used in JMX names (with any credentials masked). */
  URI jmxUri();

  /** Called once when the cache closes, so the manager stops handing it out. */
  void released(CacheEngine<?, ?> cache);

  /**
   * Returns the threads and shared components the cache's stores use, owned by the provider and closed
   * with it; the JVM's {@link Resources#shared()} ones unless the owner has its own.
   */
  default Resources resources() {
    return Resources.shared();
  }

  /**
   * Returns the executor of the cache's asynchronous and blocking work (asynchronous listeners, async
   * operations, {@code loadAll}); the common pool unless the owner has its own.
   */
  default Executor executor() {
    return ForkJoinPool.commonPool();
  }
}
