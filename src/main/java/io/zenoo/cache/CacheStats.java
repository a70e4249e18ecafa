package io.zenoo.cache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of a backend's statistics. {@link #asMap()} uses the seed API's keys:
 * {@code backend}, {@code max_size}, {@code current_size}, {@code hit_rate}, {@code memory_usage},
 * {@code expired_items}, {@code evictions} for memory, and the JCache counters ({@code hits},
 * {@code misses}, ...).
 *
 * @param backend the backend's name, {@code memory} or {@code redis}
 * @param values every statistic by name, in a stable order
 */
public record CacheStats(String backend, Map<String, Object> values) {

  /** Creates a snapshot; the map is copied. */
  public CacheStats {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Returns every statistic by name. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** Returns one statistic, or null if the backend has no statistic of that name. */
  public @Nullable Object get(String name) {
    return values.get(name);
  }

  /** Returns the hit rate, hits divided by reads, between 0 and 1. */
  public double hitRate() {
    return values.get("hit_rate") instanceof Number n ? n.doubleValue() : 0d;
  }

  /** Returns the number of entries held. */
  public long currentSize() {
    return values.get("current_size") instanceof Number n ? n.longValue() : 0L;
  }
}
