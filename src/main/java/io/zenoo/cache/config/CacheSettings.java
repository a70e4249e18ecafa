package io.zenoo.cache.config;

import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import javax.cache.configuration.Factory;
import javax.cache.expiry.ExpiryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The settings a configuration file gives one cache, already validated and merged (file defaults, then its
 * template, then its own section; or the file defaults alone for caches the file does not name). It turns
 * itself into the builders of {@link MemoryCacheConfiguration} and {@link RedisCacheConfiguration}, so that
 * nothing past the configuration edge reads the file's strings.
 *
 * <p>Immutable and thread safe.
 */
public final class CacheSettings {

  /** The backend of a cache. */
  public enum Backend {
    /** A MemoryCache in this JVM. */
    MEMORY,
    /** A RedisCache on the server of its {@code url}. */
    REDIS
  }

  private final String section;
  private final Backend backend;
  private final Class<?> keyType;
  private final Class<?> valueType;
  /** Validated MemoryCache and RedisCache parameters by their names, {@code default_ttl} included. */
  private final Properties parameters;
  private final @Nullable Factory<ExpiryPolicy> expiry;
  private final @Nullable Boolean statistics;
  private final @Nullable Boolean management;
  private final @Nullable Boolean storeByValue;

  CacheSettings(
      String section,
      Backend backend,
      Class<?> keyType,
      Class<?> valueType,
      Properties parameters,
      @Nullable Factory<ExpiryPolicy> expiry,
      @Nullable Boolean statistics,
      @Nullable Boolean management,
      @Nullable Boolean storeByValue) {
    this.section = Objects.requireNonNull(section, "section");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    this.parameters = new Properties();
    this.parameters.putAll(parameters);
    this.expiry = expiry;
    this.statistics = statistics;
    this.management = management;
    this.storeByValue = storeByValue;
  }

  /** Returns the backend ({@code backend}, default {@code memory}). */
  public Backend backend() {
    return backend;
  }

  /** Returns the key type ({@code key_type}, default {@code java.lang.Object}). */
  public Class<?> keyType() {
    return keyType;
  }

  /** Returns the value type ({@code value_type}, default {@code java.lang.Object}). */
  public Class<?> valueType() {
    return valueType;
  }

  /** Returns where these settings come from in the file, such as {@code caches.users} or {@code defaults}. */
  public String section() {
    return section;
  }

  /**
   * Applies every setting to the builder: {@code statistics}, {@code management}, {@code store_by_value},
   * the expiry ({@code expiry} or {@code default_ttl}) and the MemoryCache parameters.
   */
  public <K, V> MemoryCacheConfiguration.Builder<K, V> applyTo(MemoryCacheConfiguration.Builder<K, V> builder) {
    if (statistics != null) {
      builder.statisticsEnabled(statistics);
    }
    if (management != null) {
      builder.managementEnabled(management);
    }
    if (storeByValue != null) {
      builder.storeByValue(storeByValue);
    }
    return applyParametersTo(builder, /* withExpiry= */ true);
  }

  /**
   * Applies every setting to the builder: {@code statistics}, {@code management}, {@code store_by_value},
   * the expiry ({@code expiry}, or {@code default_ttl} as a created-expiry policy) and the RedisCache
   * parameters.
   */
  public <K, V> RedisCacheConfiguration.Builder<K, V> applyTo(RedisCacheConfiguration.Builder<K, V> builder) {
    if (statistics != null) {
      builder.statisticsEnabled(statistics);
    }
    if (management != null) {
      builder.managementEnabled(management);
    }
    if (storeByValue != null) {
      builder.storeByValue(storeByValue);
    }
    return applyParametersTo(builder, /* withExpiry= */ true);
  }

  /**
   * Applies the MemoryCache parameters, and the expiry ({@code expiry} or {@code default_ttl}) when
   * {@code withExpiry}, leaving the other JCache settings of the builder as they are (those of a
   * programmatic configuration, which outrank the file).
   */
  public <K, V> MemoryCacheConfiguration.Builder<K, V> applyParametersTo(
      MemoryCacheConfiguration.Builder<K, V> builder, boolean withExpiry) {
    if (withExpiry && expiry != null) {
      builder.expiryPolicyFactory(expiry);
    }
    return CacheProperties.applyMemory(builder, applicable(withExpiry));
  }

  /**
   * Applies the RedisCache parameters, and the expiry ({@code expiry} or {@code default_ttl}) when
   * {@code withExpiry}, leaving the other JCache settings of the builder as they are.
   */
  public <K, V> RedisCacheConfiguration.Builder<K, V> applyParametersTo(
      RedisCacheConfiguration.Builder<K, V> builder, boolean withExpiry) {
    if (withExpiry && expiry != null) {
      builder.expiryPolicyFactory(expiry);
    }
    return CacheProperties.applyRedis(builder, applicable(withExpiry));
  }

  /** Returns the parameters, without {@code default_ttl} unless the expiry applies. */
  private Properties applicable(boolean withExpiry) {
    if (withExpiry || parameters.getProperty("default_ttl") == null) {
      return parameters;
    }
    Properties applicable = new Properties();
    applicable.putAll(parameters);
    applicable.remove("default_ttl");
    return applicable;
  }

  /** Returns the settings with secrets hidden: the {@code url} masked, the truststore password left out. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("CacheSettings[").append(section).append(", backend=")
        .append(backend.name().toLowerCase(java.util.Locale.ROOT))
        .append(", key_type=").append(keyType.getName())
        .append(", value_type=").append(valueType.getName());
    for (String key : new TreeSet<>(parameters.stringPropertyNames())) {
      String value = parameters.getProperty(key);
      Parameter p = Parameter.byKey(key).orElse(null);
      if (p != null && p.isSecret()) {
        value = RedisUris.MASK;
      } else if (p == Parameter.URL) {
        value = RedisUris.mask(value);
      }
      s.append(", ").append(key).append('=').append(value);
    }
    if (expiry != null) {
      s.append(", expiry=").append(expiry.create().getClass().getSimpleName());
    }
    if (statistics != null) {
      s.append(", statistics=").append(statistics);
    }
    if (management != null) {
      s.append(", management=").append(management);
    }
    if (storeByValue != null) {
      s.append(", store_by_value=").append(storeByValue);
    }
    return s.append(']').toString();
  }
}
