package io.zenoo.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;

/**
 * The {@code chm} baseline: a raw {@link ConcurrentHashMap} behind the {@link Cache} interface
 * ({@link BaselineCache}) so the benchmark methods are the same for every provider. It is not a
 * JCache implementation: no bound, no expiry, no store-by-value copies, no events. It is the
 * ceiling the in-memory providers are measured against.
 */
final class MapCache extends BaselineCache {

  private final ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private MapCache(String name) {
    super(name, "chm");
  }

  /** A stand-in for a cache manager: creates map caches, ignoring the configuration. */
  static Providers.Session session() {
    return new Providers.Session() {
      @Override
      public Cache<String, String> createCache(String name, MutableConfiguration<String, String> config) {
        return new MapCache(name);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public String get(String key) {
    return map.get(key);
  }

  @Override
  public void put(String key, String value) {
    map.put(key, value);
  }

  @Override
  public Map<String, String> getAll(Set<? extends String> keys) {
    Map<String, String> result = new HashMap<>();
    for (String key : keys) {
      String value = map.get(key);
      if (value != null) {
        result.put(key, value);
      }
    }
    return result;
  }

  @Override
  public boolean containsKey(String key) {
    return map.containsKey(key);
  }

  @Override
  public String getAndPut(String key, String value) {
    return map.put(key, value);
  }

  @Override
  public void putAll(Map<? extends String, ? extends String> entries) {
    map.putAll(entries);
  }

  @Override
  public boolean putIfAbsent(String key, String value) {
    return map.putIfAbsent(key, value) == null;
  }

  @Override
  public boolean remove(String key) {
    return map.remove(key) != null;
  }

  @Override
  public boolean remove(String key, String oldValue) {
    return map.remove(key, oldValue);
  }

  @Override
  public String getAndRemove(String key) {
    return map.remove(key);
  }

  @Override
  public boolean replace(String key, String oldValue, String newValue) {
    return map.replace(key, oldValue, newValue);
  }

  @Override
  public boolean replace(String key, String value) {
    return map.replace(key, value) != null;
  }

  @Override
  public String getAndReplace(String key, String value) {
    return map.replace(key, value);
  }

  @Override
  public void removeAll(Set<? extends String> keys) {
    keys.forEach(map::remove);
  }

  @Override
  public void removeAll() {
    map.clear();
  }

  @Override
  public void clear() {
    map.clear();
  }

  @Override
  public void close() {
    closed = true;
    map.clear();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(map)) {
      return clazz.cast(map);
    }
    throw new IllegalArgumentException("chm baseline unwraps only to ConcurrentHashMap");
  }
}
