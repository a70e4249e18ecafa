package io.zenoo.cache.jcache;

import io.zenoo.cache.config.CacheProperties;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import io.zenoo.cache.core.CacheEngine;
import io.zenoo.cache.core.CacheOwner;
import io.zenoo.cache.memory.MemoryCache;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;

/**
 * Builds the cache a manager hands out, resolving its configuration in one place, lowest precedence
 * first: the backend's defaults, the manager's {@code Properties}, then the programmatic configuration.
 * A {@link MemoryCacheConfiguration} is taken as it is; any other JCache configuration keeps its JCache
 * settings and gets the defaults and Properties for the rest. A {@code default_ttl} from Properties applies
 * only when the configuration's own expiry policy is the eternal default.
 */
final class CacheFactory {

  private final Executor executor = ForkJoinPool.commonPool();

  <K, V> CacheEngine<K, V> create(
      String name,
      CacheOwner owner,
      Configuration<K, V> configuration,
      ClassLoader classLoader,
      Properties properties) {
    MemoryCacheConfiguration<K, V> resolved = resolveMemory(configuration, properties);
    return MemoryCache.create(name, owner, resolved, classLoader, executor);
  }

  static <K, V> MemoryCacheConfiguration<K, V> resolveMemory(
      Configuration<K, V> configuration, Properties properties) {
    if (configuration instanceof MemoryCacheConfiguration<K, V> memory) {
      return memory;
    }
    MemoryCacheConfiguration.Builder<K, V> builder =
        MemoryCacheConfiguration.builder(configuration.getKeyType(), configuration.getValueType())
            .jcacheSettings(configuration);
    if (CacheProperties.hasMemoryKeys(properties)) {
      Properties applicable = properties;
      if (properties.getProperty("default_ttl") != null && !isEternalDefault(configuration)) {
        applicable = new Properties();
        applicable.putAll(properties);
        applicable.remove("default_ttl");
      }
      CacheProperties.applyMemory(builder, applicable);
    }
    return builder.build();
  }

  private static boolean isEternalDefault(Configuration<?, ?> configuration) {
    if (!(configuration instanceof CompleteConfiguration<?, ?> complete)) {
      return true;
    }
    Factory<ExpiryPolicy> factory = complete.getExpiryPolicyFactory();
    return factory == null || factory.create() instanceof EternalExpiryPolicy;
  }
}
