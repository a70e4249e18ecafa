package io.zenoo.cache.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the MemoryCache parameters from {@code Properties} given to {@code getCacheManager}, with the
 * seed's names: {@code max_size} (entries), {@code default_ttl} and {@code cleanup_interval} (seconds,
 * fractions allowed; {@code none} or an empty value for no default TTL). Keys this class does not know are
 * left to other readers; a known key with a bad value fails with a message naming the key and what was
 * expected.
 */
public final class CacheProperties {

  /** The MemoryCache keys this class reads. */
  public static final Set<String> MEMORY_KEYS = Set.of("max_size", "default_ttl", "cleanup_interval");

  private CacheProperties() {}

  /** Applies the MemoryCache keys found in the properties to the builder. */
  public static <K, V> MemoryCacheConfiguration.Builder<K, V> applyMemory(
      MemoryCacheConfiguration.Builder<K, V> builder, Properties properties) {
    String maxSize = properties.getProperty("max_size");
    if (maxSize != null) {
      builder.maxSize(parseLong("max_size", maxSize));
    }
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
