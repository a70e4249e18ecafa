package io.zenoo.cache.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the MemoryCache and RedisCache parameters from {@code Properties} given to {@code getCacheManager},
 * with the seed's names. MemoryCache: {@code max_size} (entries), {@code default_ttl} and
 * {@code cleanup_interval} (seconds, fractions allowed; {@code none} or an empty value for no default TTL).
 * RedisCache: the {@link #REDIS_KEYS}, durations in seconds with fractions allowed ({@code 0.05}),
 * {@code enable_fallback} as {@code true}, {@code false}, {@code yes} or {@code no}, {@code allowed_packages}
 * comma separated; the same names are read from the query of a {@code redis://} manager URI by
 * {@link #applyRedisUri}. Keys this class does not know are left to other readers; a known key with a bad
 * value fails with a {@code CacheException} naming the key and what was expected, and a {@code url} is only
 * ever shown masked.
 */
public final class CacheProperties {

  /** The MemoryCache keys this class reads. */
  public static final Set<String> MEMORY_KEYS = Set.of("max_size", "default_ttl", "cleanup_interval");

  /** The RedisCache keys this class reads. */
  public static final Set<String> REDIS_KEYS =
      Set.of(
          "url",
          "namespace",
          "serializer",
          "max_connections",
          "retry_attempts",
          "retry_backoff_base",
          "retry_backoff_max",
          "health_check_interval",
          "circuit_breaker_threshold",
          "circuit_breaker_timeout",
          "socket_timeout",
          "socket_connect_timeout",
          "enable_fallback",
          "fallback_max_size",
          "fallback_reconcile",
          "allowed_packages",
          "ssl_truststore",
          "ssl_truststore_password");

  private static final String URL_EXPECTED = "a redis://, rediss:// or redis-sentinel:// URI naming a host";
  private static final String SECONDS_EXPECTED = "a positive number of seconds such as 30 or 0.5";

  private CacheProperties() {}

  /** Applies the MemoryCache keys found in the properties to the builder. */
  public static <K, V> MemoryCacheConfiguration.Builder<K, V> applyMemory(
      MemoryCacheConfiguration.Builder<K, V> builder, Properties properties) {
    apply(properties, "max_size", "a whole number > 0", v -> builder.maxSize(parseLong("max_size", v)));
    String ttl = properties.getProperty("default_ttl");
    if (ttl != null) {
      builder.defaultTtl(parseOptionalSeconds("default_ttl", ttl));
    }
    String cleanup = properties.getProperty("cleanup_interval");
    if (cleanup != null) {
      Duration interval = parseOptionalSeconds("cleanup_interval", cleanup);
      if (interval == null) {
        throw invalid("cleanup_interval", cleanup, "a positive number of seconds");
      }
      builder.cleanupInterval(interval);
    }
    return builder;
  }

  /** Returns whether any MemoryCache key is set. */
  public static boolean hasMemoryKeys(Properties properties) {
    for (String key : MEMORY_KEYS) {
      if (properties.getProperty(key) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Applies the RedisCache keys found in the properties to the builder. A bad value, or one the builder
   * rejects, fails with {@code CacheException("Invalid value '<v>' for property '<key>': expected ...")},
   * the builder's {@code IllegalArgumentException} as the cause; a {@code url} is shown masked. The rule
   * {@code retry_backoff_max >= retry_backoff_base} is checked by {@link RedisCacheConfiguration.Builder#build()}.
   */
  public static <K, V> RedisCacheConfiguration.Builder<K, V> applyRedis(
      RedisCacheConfiguration.Builder<K, V> builder, Properties properties) {
    apply(properties, "url", URL_EXPECTED, v -> builder.url(v.trim()));
    apply(properties, "namespace", "a non-empty name without whitespace or ':'",
        v -> builder.namespace(v.trim()));
    apply(properties, "serializer", "json, java, pickle or the fully qualified class name of a codec",
        v -> builder.serializer(v.trim()));
    apply(properties, "max_connections", "a whole number > 0",
        v -> builder.maxConnections(parseInt("max_connections", v, "a whole number > 0")));
    apply(properties, "retry_attempts", "a whole number >= 1",
        v -> builder.retryAttempts(parseInt("retry_attempts", v, "a whole number >= 1")));
    apply(properties, "retry_backoff_base", SECONDS_EXPECTED,
        v -> builder.retryBackoffBase(parseSeconds("retry_backoff_base", v)));
    apply(properties, "retry_backoff_max", SECONDS_EXPECTED,
        v -> builder.retryBackoffMax(parseSeconds("retry_backoff_max", v)));
    apply(properties, "health_check_interval", SECONDS_EXPECTED,
        v -> builder.healthCheckInterval(parseSeconds("health_check_interval", v)));
    apply(properties, "circuit_breaker_threshold", "a whole number >= 0",
        v -> builder.circuitBreakerThreshold(parseInt("circuit_breaker_threshold", v, "a whole number >= 0")));
    apply(properties, "circuit_breaker_timeout", SECONDS_EXPECTED,
        v -> builder.circuitBreakerTimeout(parseSeconds("circuit_breaker_timeout", v)));
    apply(properties, "socket_timeout", SECONDS_EXPECTED,
        v -> builder.socketTimeout(parseSeconds("socket_timeout", v)));
    apply(properties, "socket_connect_timeout", SECONDS_EXPECTED,
        v -> builder.socketConnectTimeout(parseSeconds("socket_connect_timeout", v)));
    apply(properties, "enable_fallback", "true, false, yes or no",
        v -> builder.enableFallback(parseYesNo("enable_fallback", v)));
    apply(properties, "fallback_max_size", "a whole number > 0",
        v -> builder.fallbackMaxSize(parseInt("fallback_max_size", v, "a whole number > 0")));
    apply(properties, "fallback_reconcile", "invalidate or replay",
        v -> builder.fallbackReconcile(v.trim()));
    apply(properties, "allowed_packages",
        "comma-separated package prefixes or class names such as com.example,org.acme.Money",
        v -> builder.allowedPackages(parseList(v)));
    apply(properties, "ssl_truststore", "the path of a PKCS12 or JKS truststore file",
        v -> builder.sslTruststore(v.trim()));
    String truststorePassword = properties.getProperty("ssl_truststore_password");
    if (truststorePassword != null) {
      builder.sslTruststorePassword(truststorePassword); // never echoed in a message
    }
    return builder;
  }

  /** Returns whether any RedisCache key is set. */
  public static boolean hasRedisKeys(Properties properties) {
    for (String key : REDIS_KEYS) {
      if (properties.getProperty(key) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the RedisCache parameters in the query of a manager URI such as
   * {@code redis://host:6379/0?namespace=app&serializer=java&socket_timeout=0.5}: every key of
   * {@link #REDIS_KEYS} except {@code url} (the URI itself is the URL), percent-decoded, the last value
   * winning when a name repeats. Other parameters (Lettuce's {@code timeout}, {@code database},
   * {@code sentinelMasterId}, {@code clientName}, ...) are not returned.
   */
  public static Properties redisUriParameters(URI uri) {
    Properties parameters = new Properties();
    parameters.putAll(RedisUris.zenooParameters(uri));
    return parameters;
  }

  /**
   * Applies a {@code redis://}, {@code rediss://} or {@code redis-sentinel://} manager URI to the builder:
   * its URL without our query parameters ({@link RedisUris#withoutZenooParameters(String)}) as {@code url},
   * then the {@link #redisUriParameters(URI) parameters in its query} as {@link #applyRedis} does. Apply
   * manager {@code Properties} afterwards: they take precedence over the URI.
   */
  public static <K, V> RedisCacheConfiguration.Builder<K, V> applyRedisUri(
      RedisCacheConfiguration.Builder<K, V> builder, URI uri) {
    Properties url = new Properties();
    url.setProperty("url", RedisUris.withoutZenooParameters(uri.toString()));
    applyRedis(builder, url);
    return applyRedis(builder, redisUriParameters(uri));
  }

  private static void apply(Properties properties, String key, String expected, Consumer<String> setter) {
    String value = properties.getProperty(key);
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      // the builder's message shows a url masked too, so it is safe as the cause
      throw new CacheException(
          "Invalid value '" + (key.equals("url") ? RedisUris.mask(value) : value) + "' for property '" + key
              + "': expected " + expected,
          e);
    }
  }

  static int parseInt(String key, String value, String expected) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, value, expected);
    }
  }

  /** Parses a positive number of seconds, fractions allowed; unlike a TTL, it has no "none". */
  static Duration parseSeconds(String key, String value) {
    Duration d = parseOptionalSeconds(key, value);
    if (d == null) {
      throw invalid(key, value, SECONDS_EXPECTED);
    }
    return d;
  }

  static boolean parseYesNo(String key, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw invalid(key, value, "true, false, yes or no");
    };
  }

  /** Splits a comma-separated list, trimming the items and dropping empty ones. */
  static List<String> parseList(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      String trimmed = item.trim();
      if (!trimmed.isEmpty()) {
        items.add(trimmed);
      }
    }
    return items;
  }

  static long parseLong(String key, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, value, "a whole number");
    }
  }

  /** Parses seconds, fractions allowed, into a duration; {@code none} or blank gives null. */
  static @Nullable Duration parseOptionalSeconds(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.isEmpty() || v.equals("none") || v.equals("null")) {
      return null;
    }
    try {
      BigDecimal seconds = new BigDecimal(v);
      if (seconds.signum() <= 0) {
        throw invalid(key, value, "a positive number of seconds");
      }
      return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw invalid(key, value, "a number of seconds such as 30 or 0.5");
    }
  }

  private static CacheException invalid(String key, String value, String expected) {
    return new CacheException(
        "Invalid value '" + value + "' for property '" + key + "': expected " + expected);
  }
}
