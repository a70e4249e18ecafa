package io.zenoo.cache.jcache;

import io.zenoo.cache.config.CacheProperties;
import io.zenoo.cache.config.CacheSettings;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import io.zenoo.cache.config.RedisCacheConfiguration;
import io.zenoo.cache.config.RedisUris;
import io.zenoo.cache.core.CacheEngine;
import io.zenoo.cache.core.CacheOwner;
import io.zenoo.cache.memory.MemoryCache;
import io.zenoo.cache.redis.RedisCache;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import java.util.Properties;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;

/**
 * Builds the cache a manager hands out, resolving its configuration in one place, lowest precedence
 * first: the backend's defaults, the configuration file's defaults, the cache's template and its own
 * section in the file, the manager's {@code Properties}, then the programmatic configuration given to
 * {@code createCache}. A {@link MemoryCacheConfiguration} or {@link RedisCacheConfiguration} is taken as it
 * is; any other JCache configuration keeps its JCache settings and gets the file defaults and Properties for
 * the backend parameters. A {@code default_ttl} or expiry from the file or Properties applies to it only when
 * its own expiry policy is the eternal default.
 */
final class CacheFactory {

  <K, V> CacheEngine<K, V> create(
      String name,
      CacheOwner owner,
      Configuration<K, V> configuration,
      ClassLoader classLoader,
      Properties properties,
      URI managerUri,
      @Nullable CacheSettings fileDefaults) {
    if (configuration instanceof RedisCacheConfiguration<K, V> redis) {
      // a configuration that names no server uses the manager's (a redis:// manager URI), not localhost
      RedisCacheConfiguration<K, V> effective = redis.isUrlSet() || !isRedis(managerUri)
          ? redis
          : redis.toBuilder().url(RedisUris.withoutZenooParameters(managerUri.toString())).build();
      return RedisCache.create(name, owner, effective, classLoader, owner.executor());
    }
    if (isRedis(managerUri, fileDefaults) && !(configuration instanceof MemoryCacheConfiguration)) {
      return RedisCache.create(
          name,
          owner,
          resolveRedis(configuration, properties, managerUri, fileDefaults),
          classLoader,
          owner.executor());
    }
    MemoryCacheConfiguration<K, V> resolved = resolveMemory(configuration, properties, fileDefaults);
    return MemoryCache.create(name, owner, resolved, classLoader, owner.executor());
  }

  /**
   * Builds a cache from the settings a configuration file gives it (its own section, or the file defaults
   * for a cache the file does not name), with the manager's Properties over them.
   */
  <K, V> CacheEngine<K, V> create(
      String name,
      CacheOwner owner,
      CacheSettings settings,
      Class<K> keyType,
      Class<V> valueType,
      ClassLoader classLoader,
      Properties properties) {
    if (settings.backend() == CacheSettings.Backend.REDIS) {
      RedisCacheConfiguration.Builder<K, V> builder =
          settings.applyTo(RedisCacheConfiguration.builder(keyType, valueType));
      CacheProperties.applyRedis(builder, properties);
      return RedisCache.create(name, owner, builder.build(), classLoader, owner.executor());
    }
    MemoryCacheConfiguration.Builder<K, V> builder =
        settings.applyTo(MemoryCacheConfiguration.builder(keyType, valueType));
    CacheProperties.applyMemory(builder, properties);
    return MemoryCache.create(name, owner, builder.build(), classLoader, owner.executor());
  }

  /** Lets the backend publish what other JVMs need to find a cache this manager created. */
  void created(CacheEngine<?, ?> cache) {
    if (cache instanceof RedisCache<?, ?> redis) {
      redis.publishDescriptor();
    }
  }

  /**
   * Returns a cache that another manager created on this manager's Redis server and namespace, or null
   * (always null for memory managers: their caches live in one JVM).
   */
  @Nullable CacheEngine<?, ?> discover(
      String name,
      CacheOwner owner,
      ClassLoader classLoader,
      Properties properties,
      URI managerUri,
      @Nullable CacheSettings fileDefaults) {
    if (!isRedis(managerUri, fileDefaults)) {
      return null;
    }
    RedisCacheConfiguration<Object, Object> base = resolveRedis(
        new javax.cache.configuration.MutableConfiguration<Object, Object>(), properties, managerUri, fileDefaults);
    return RedisCache.discover(name, owner, base, classLoader, owner.executor());
  }

  /** Returns whether a manager URI names a Redis server. */
  static boolean isRedis(URI uri) {
    String scheme = uri.getScheme();
    return scheme != null && RedisUris.SCHEMES.contains(scheme.toLowerCase(java.util.Locale.ROOT));
  }

  /** Returns whether caches made without a backend-specific configuration go to Redis. */
  private static boolean isRedis(URI managerUri, @Nullable CacheSettings fileDefaults) {
    return isRedis(managerUri) || (fileDefaults != null && fileDefaults.backend() == CacheSettings.Backend.REDIS);
  }

  /**
   * Resolves a Redis cache's configuration: the JCache settings of the given configuration, the server
   * and parameters of the manager URI (or the file defaults), then the manager's Properties.
   */
  static <K, V> RedisCacheConfiguration<K, V> resolveRedis(
      Configuration<K, V> configuration, Properties properties, URI managerUri, @Nullable CacheSettings fileDefaults) {
    RedisCacheConfiguration.Builder<K, V> builder =
        RedisCacheConfiguration.builder(configuration.getKeyType(), configuration.getValueType())
            .jcacheSettings(configuration);
    if (isRedis(managerUri)) {
      CacheProperties.applyRedisUri(builder, managerUri);
    }
    if (fileDefaults != null) {
      fileDefaults.applyParametersTo(builder, /* withExpiry= */ isEternalDefault(configuration));
    }
    CacheProperties.applyRedis(builder, properties);
    return builder.build();
  }

  static <K, V> MemoryCacheConfiguration<K, V> resolveMemory(
      Configuration<K, V> configuration, Properties properties, @Nullable CacheSettings fileDefaults) {
    if (configuration instanceof MemoryCacheConfiguration<K, V> memory) {
      return memory;
    }
    MemoryCacheConfiguration.Builder<K, V> builder =
        MemoryCacheConfiguration.builder(configuration.getKeyType(), configuration.getValueType())
            .jcacheSettings(configuration);
    if (fileDefaults != null) {
      fileDefaults.applyParametersTo(builder, /* withExpiry= */ isEternalDefault(configuration));
    }
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
