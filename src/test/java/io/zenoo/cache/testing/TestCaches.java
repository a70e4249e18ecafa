package io.zenoo.cache.testing;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import java.net.URI;
import java.util.Properties;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Configuration;

/** A cache manager of its own for one test, closed with it. */
public final class TestCaches implements AutoCloseable {

  private final CacheManager manager;

  public TestCaches() {
    this(new Properties());
  }

  public TestCaches(Properties properties) {
    this.manager =
        Caching.getCachingProvider()
            .getCacheManager(URI.create("test:" + UUID.randomUUID()), TestCaches.class.getClassLoader(), properties);
  }

  public CacheManager manager() {
    return manager;
  }

  /** Creates a cache and returns it as a ZenooCache. */
  @SuppressWarnings("unchecked")
  public <K, V> ZenooCache<K, V> create(Configuration<K, V> configuration) {
    return manager.createCache("cache-" + UUID.randomUUID(), configuration).unwrap(ZenooCache.class);
  }

  /** Returns a builder with a fake clock already set. */
  public static <K, V> MemoryCacheConfiguration.Builder<K, V> memory(Class<K> k, Class<V> v, FakeClock clock) {
    return MemoryCacheConfiguration.builder(k, v).clock(clock);
  }

  @Override
  public void close() {
    manager.close();
  }
}
