package io.zenoo.cache.jcache;

import io.zenoo.cache.config.CacheProperties;
import io.zenoo.cache.config.CacheSettings;
import io.zenoo.cache.config.ManagerParameters;
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
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;

/**
 * Builds the cache a manager hands out, resolving its configuration in one place, lowest precedence
 * first: the built-in defaults ({@link io.zenoo.cache.config.Parameter}), the configuration file's defaults,
 * the cache's template and its own section in the file, the {@code -Dzenoo.cache.*} system properties, the
 * query of a Redis manager URI, the manager's {@code Properties}, then what the programmatic configuration
 * given to {@code createCache} sets explicitly: a {@link MemoryCacheConfiguration} or
 * {@link RedisCacheConfiguration} overrides only the parameters set on its builder, never with its
 * defaults. (System properties reach this class already merged below the URI query and the Properties,
 * by {@link ManagerParameters#resolve}.) A {@code default_ttl} or expiry from the file or Properties applies
 * only when the configuration's own expiry policy is the eternal default.
 */
final class CacheFactory {

  private final Executor executor = ForkJoinPool.commonPool();

  <K, V> CacheEngine<K, V> create(
      String name,
      CacheOwner owner,
      Configuration<K, V> configuration,
      ClassLoader classLoader,
      Properties properties,
      URI managerUri,
      @Nullable CacheSettings fileDefaults) {
    if (configuration instanceof RedisCacheConfiguration<K, V> redis) {
      // the manager's parameters (URI, file, Properties), then only what the configuration sets explicitly
      RedisCacheConfiguration<K, V> effective = resolveRedis(redis, properties, managerUri, fileDefaults);
      return RedisCache.create(name, owner, effective, classLoader, executor);
    }
    if (isRedis(managerUri, fileDefaults) && !(configuration instanceof MemoryCacheConfiguration)) {
      return RedisCache.create(
          name, owner, resolveRedis(configuration, properties, managerUri, fileDefaults), classLoader, executor);
    }
    MemoryCacheConfiguration<K, V> resolved = resolveMemory(configuration, properties, fileDefaults);
    return MemoryCache.create(name, owner, resolved, classLoader, executor);
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
      return RedisCache.create(name, owner, builder.build(), classLoader, executor);
    }
    MemoryCacheConfiguration.Builder<K, V> builder =
        settings.applyTo(MemoryCacheConfiguration.builder(keyType, valueType));
    CacheProperties.applyMemory(builder, properties);
    return MemoryCache.create(name, owner, builder.build(), classLoader, executor);
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
    return RedisCache.discover(name, owner, base, classLoader, executor);
  }

  /** Returns whether a manager URI names a Redis server. */
  static boolean isRedis(URI uri) {
    return ManagerParameters.isRedis(uri);
  }

  /** Returns whether caches made without a backend-specific configuration go to Redis. */
  private static boolean isRedis(URI managerUri, @Nullable CacheSettings fileDefaults) {
    return isRedis(managerUri) || (fileDefaults != null && fileDefaults.backend() == CacheSettings.Backend.REDIS);
  }

  /**
   * Resolves a Redis cache's configuration: the JCache settings of the given configuration, the file
   * defaults, the server and parameters of the manager URI, the manager's Properties (system properties
   * included), then what a programmatic RedisCacheConfiguration sets explicitly.
   */
  static <K, V> RedisCacheConfiguration<K, V> resolveRedis(
      Configuration<K, V> configuration, Properties properties, URI managerUri, @Nullable CacheSettings fileDefaults) {
    RedisCacheConfiguration.Builder<K, V> builder =
        RedisCacheConfiguration.builder(configuration.getKeyType(), configuration.getValueType())
            .jcacheSettings(configuration);
    if (fileDefaults != null) {
      fileDefaults.applyParametersTo(builder, /* withExpiry= */ isEternalDefault(configuration));
    }
    if (isRedis(managerUri)) {
      Properties url = new Properties();
      url.setProperty("url", RedisUris.withoutZenooParameters(managerUri.toString()));
      CacheProperties.applyRedis(builder, url);
      CacheProperties.applyRedis(
          builder, withoutTtlUnlessEternal(CacheProperties.redisUriParameters(managerUri), configuration));
    }
    CacheProperties.applyRedis(builder, withoutTtlUnlessEternal(properties, configuration));
    if (configuration instanceof RedisCacheConfiguration<K, V> programmatic) {
      builder.explicitParametersOf(programmatic).clock(programmatic.getClock());
    }
    return builder.build();
  }

  static <K, V> MemoryCacheConfiguration<K, V> resolveMemory(
      Configuration<K, V> configuration, Properties properties, @Nullable CacheSettings fileDefaults) {
    MemoryCacheConfiguration.Builder<K, V> builder =
        MemoryCacheConfiguration.builder(configuration.getKeyType(), configuration.getValueType())
            .jcacheSettings(configuration);
    if (fileDefaults != null) {
      fileDefaults.applyParametersTo(builder, /* withExpiry= */ isEternalDefault(configuration));
    }
    CacheProperties.applyMemory(builder, withoutTtlUnlessEternal(properties, configuration));
    if (configuration instanceof MemoryCacheConfiguration<K, V> programmatic) {
      builder.explicitParametersOf(programmatic).clock(programmatic.getClock());
    }
    return builder.build();
  }

  /** Returns the Properties without {@code default_ttl} when the configuration has an expiry of its own. */
  private static Properties withoutTtlUnlessEternal(Properties properties, Configuration<?, ?> configuration) {
    if (properties.getProperty("default_ttl") == null || isEternalDefault(configuration)) {
      return properties;
    }
    Properties applicable = new Properties();
    applicable.putAll(properties);
    applicable.remove("default_ttl");
    return applicable;
  }

  private static boolean isEternalDefault(Configuration<?, ?> configuration) {
    if (!(configuration instanceof CompleteConfiguration<?, ?> complete)) {
      return true;
    }
    Factory<ExpiryPolicy> factory = complete.getExpiryPolicyFactory();
    return factory == null || factory.create() instanceof EternalExpiryPolicy;
  }
}
