package io.zenoo.cache.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisException;
import io.zenoo.cache.config.RedisCacheConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.Factory;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caches of a namespace, kept in Redis under {@code namespace:__caches__} (a hash: cache name → JSON
 * descriptor), so that a manager in another JVM finds a cache it did not create. A descriptor holds the key
 * and value types, store-by-value, the statistics and management flags, the serializer and the expiry
 * policy when it is one of the spec's standard ones (created, accessed, modified, touched with their
 * duration, or eternal); a custom policy cannot be rebuilt elsewhere and is recorded as absent, so a
 * discovering JVM gets an eternal policy unless it creates the cache with its own configuration.
 *
 * <p>Registration is best effort: a cache works without its descriptor (only discovery needs it), so a
 * failure to write one is logged, never thrown.
 */
final class CacheDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(CacheDirectory.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SUFFIX = ":__caches__";

  private CacheDirectory() {}

  private static byte[] hashKey(String namespace) {
    return (namespace + SUFFIX).getBytes(StandardCharsets.UTF_8);
  }

  /** Records the cache's descriptor, replacing any older one of that name. */
  static void register(SharedClients.Lease lease, String namespace, String name, RedisCacheConfiguration<?, ?> c) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("keyType", c.getKeyType().getName());
    descriptor.put("valueType", c.getValueType().getName());
    descriptor.put("storeByValue", c.isStoreByValue());
    descriptor.put("statistics", c.isStatisticsEnabled());
    descriptor.put("management", c.isManagementEnabled());
    descriptor.put("serializer", c.getSerializer());
    Map<String, Object> expiry = describe(c.getExpiryPolicyFactory());
    if (expiry != null) {
      descriptor.put("expiry", expiry);
    }
    try {
      lease.sync().hset(
          hashKey(namespace), name.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(descriptor));
    } catch (Exception e) {
      LOG.warn("Cannot record cache {} in {}{} on {}: other JVMs will not discover it ({})", name, namespace,
          SUFFIX, lease.server(), RedisFailures.describe(e));
    }
  }

  /** Forgets the cache's descriptor. */
  static void remove(SharedClients.Lease lease, String namespace, String name) {
    try {
      lease.sync().hdel(hashKey(namespace), name.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      LOG.warn("Cannot remove cache {} from {}{} on {} ({})", name, namespace, SUFFIX, lease.server(),
          RedisFailures.describe(e));
    }
  }

  /**
   * Returns the configuration of a cache another manager created, built on the given base (this
   * manager's server and parameters), or empty if the namespace has no cache of that name.
   *
   * @throws javax.cache.CacheException if Redis cannot be asked, or the descriptor names a type this class
   *     loader cannot load
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Optional<RedisCacheConfiguration<Object, Object>> lookup(
      SharedClients.Lease lease, String namespace, String name, RedisCacheConfiguration<Object, Object> base,
      ClassLoader classLoader) {
    byte[] json;
    try {
      json = lease.sync().hget(hashKey(namespace), name.getBytes(StandardCharsets.UTF_8));
    } catch (RedisException | io.zenoo.cache.store.StoreAccessException e) {
      throw new javax.cache.CacheException("Cannot look up cache " + name + " in " + namespace + SUFFIX + " on "
          + lease.server() + ": " + RedisFailures.describe(e), e);
    }
    if (json == null) {
      return Optional.empty();
    }
    Map<String, Object> descriptor;
    try {
      descriptor = JSON.readValue(json, Map.class);
    } catch (java.io.IOException e) {
      LOG.warn("The descriptor of cache {} in {}{} does not parse; treating the cache as unknown", name, namespace,
          SUFFIX);
      return Optional.empty();
    }
    try {
      Class keyType = Class.forName(String.valueOf(descriptor.get("keyType")), false, classLoader);
      Class valueType = Class.forName(String.valueOf(descriptor.get("valueType")), false, classLoader);
      RedisCacheConfiguration.Builder<Object, Object> typed =
          RedisCacheConfiguration.builder(keyType, valueType)
              .jcacheSettings(base)
              .storeByValue(Boolean.TRUE.equals(descriptor.get("storeByValue")))
              .statisticsEnabled(Boolean.TRUE.equals(descriptor.get("statistics")))
              .managementEnabled(Boolean.TRUE.equals(descriptor.get("management")));
      typed.explicitParametersOf(base); // every parameter of this manager, from the one declaration
      Object serializer = descriptor.get("serializer");
      if (serializer != null) {
        typed.serializer(String.valueOf(serializer));
      }
      Factory<ExpiryPolicy> expiry = rebuild((Map<String, Object>) descriptor.get("expiry"));
      if (expiry != null) {
        typed.expiryPolicyFactory(expiry);
      }
      return Optional.of(typed.build());
    } catch (ClassNotFoundException e) {
      throw new javax.cache.CacheException("Cache " + name + " in " + namespace + SUFFIX + " holds a type this "
          + "application cannot load: " + e.getMessage(), e);
    }
  }

  private static @Nullable Map<String, Object> describe(@Nullable Factory<ExpiryPolicy> factory) {
    if (factory == null) {
      return null;
    }
    ExpiryPolicy policy = factory.create();
    String type;
    Duration duration;
    if (policy.getClass() == EternalExpiryPolicy.class) {
      return Map.of("type", "eternal");
    } else if (policy.getClass() == CreatedExpiryPolicy.class) {
      type = "created";
      duration = policy.getExpiryForCreation();
    } else if (policy.getClass() == AccessedExpiryPolicy.class) {
      type = "accessed";
      duration = policy.getExpiryForCreation();
    } else if (policy.getClass() == ModifiedExpiryPolicy.class) {
      type = "modified";
      duration = policy.getExpiryForCreation();
    } else if (policy.getClass() == TouchedExpiryPolicy.class) {
      type = "touched";
      duration = policy.getExpiryForCreation();
    } else {
      return null; // a custom policy cannot be rebuilt in another JVM
    }
    if (duration.isEternal()) {
      return Map.of("type", type, "eternal", true);
    }
    return Map.of("type", type, "millis", duration.getTimeUnit().toMillis(duration.getDurationAmount()));
  }

  private static @Nullable Factory<ExpiryPolicy> rebuild(@Nullable Map<String, Object> expiry) {
    if (expiry == null) {
      return null;
    }
    String type = String.valueOf(expiry.get("type"));
    if (type.equals("eternal")) {
      return EternalExpiryPolicy.factoryOf();
    }
    Duration duration = Boolean.TRUE.equals(expiry.get("eternal"))
        ? Duration.ETERNAL
        : new Duration(TimeUnit.MILLISECONDS, ((Number) expiry.get("millis")).longValue());
    return switch (type) {
      case "created" -> CreatedExpiryPolicy.factoryOf(duration);
      case "accessed" -> AccessedExpiryPolicy.factoryOf(duration);
      case "modified" -> ModifiedExpiryPolicy.factoryOf(duration);
      case "touched" -> TouchedExpiryPolicy.factoryOf(duration);
      default -> null;
    };
  }
}
