package io.zenoo.cache.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the cache parameters from {@code Properties} (given to {@code getCacheManager}, from
 * {@code -Dzenoo.cache.*} system properties, from a configuration file) and from the query of a
 * {@code redis://} manager URI, by their {@link Parameter} names, with the types and checks the
 * declarations give: durations in seconds with fractions allowed ({@code 0.05}), booleans as {@code true},
 * {@code false}, {@code yes} or {@code no}, lists comma separated. Keys this class does not know are left to
 * other readers ({@link ManagerParameters} is the one that refuses unknown names); a known key with a bad
 * value fails with {@code CacheException("Invalid value '<v>' for property '<key>': expected ...")}, a
 * {@code url} only ever shown masked, a password never.
 */
public final class CacheProperties {

  /** The MemoryCache keys. */
  public static final Set<String> MEMORY_KEYS = keys(Parameter.memory());

  /** The RedisCache keys. */
  public static final Set<String> REDIS_KEYS = keys(Parameter.redis());

  private CacheProperties() {}

  private static Set<String> keys(Set<Parameter> parameters) {
    return parameters.stream().map(Parameter::key).collect(Collectors.toUnmodifiableSet());
  }

  /** Applies the MemoryCache keys found in the properties to the builder. */
  public static <K, V> MemoryCacheConfiguration.Builder<K, V> applyMemory(
      MemoryCacheConfiguration.Builder<K, V> builder, Properties properties) {
    for (Parameter p : Parameter.memory()) {
      String value = properties.getProperty(p.key());
      if (value != null) {
        builder.parse(p, value);
      }
    }
    return builder;
  }

  /** Returns whether any MemoryCache key is set. */
  public static boolean hasMemoryKeys(Properties properties) {
    return MEMORY_KEYS.stream().anyMatch(k -> properties.getProperty(k) != null);
  }

  /**
   * Applies the RedisCache keys found in the properties to the builder. The rule
   * {@code retry_backoff_max >= retry_backoff_base} is checked by {@link RedisCacheConfiguration.Builder#build()}.
   */
  public static <K, V> RedisCacheConfiguration.Builder<K, V> applyRedis(
      RedisCacheConfiguration.Builder<K, V> builder, Properties properties) {
    for (Parameter p : Parameter.redis()) {
      String value = properties.getProperty(p.key());
      if (value != null) {
        builder.parse(p, value);
      }
    }
    return builder;
  }

  /** Returns whether any RedisCache key is set. */
  public static boolean hasRedisKeys(Properties properties) {
    return REDIS_KEYS.stream().anyMatch(k -> properties.getProperty(k) != null);
  }

  /**
   * Returns the cache parameters in the query of a manager URI such as
   * {@code redis://host:6379/0?namespace=app&serializer=java&socket_timeout=0.5}: every parameter name
   * except {@code url} (the URI itself is the URL), percent-decoded, the last value winning when a name
   * repeats. Lettuce's parameters ({@code timeout}, {@code database}, {@code sentinelMasterId},
   * {@code clientName}, ...) are not returned.
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
    builder.parse(Parameter.URL, RedisUris.withoutZenooParameters(uri.toString()));
    return applyRedis(builder, redisUriParameters(uri));
  }

  /** Parses yes/no (and true/false) for the setting named in the message. */
  static boolean parseYesNo(String key, String value) {
    try {
      return Values.yesNo(value);
    } catch (IllegalArgumentException e) {
      throw invalid(key, value, "true, false, yes or no");
    }
  }

  /** Splits a comma-separated list, trimming the items and dropping empty ones. */
  static List<String> parseList(String value) {
    return Values.list(value);
  }

  /** Parses seconds, fractions allowed, into a duration; {@code none} or blank gives null. */
  static @Nullable Duration parseOptionalSeconds(String key, String value) {
    try {
      return Values.seconds(value);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw invalid(key, value, "a positive number of seconds such as 30 or 0.5, or none");
    }
  }

  private static CacheException invalid(String key, String value, String expected) {
    return new CacheException("Invalid value '" + value + "' for property '" + key + "': expected " + expected);
  }
}
