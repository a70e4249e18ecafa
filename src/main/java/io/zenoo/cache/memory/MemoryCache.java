package io.zenoo.cache.memory;

import io.zenoo.cache.config.MemoryCacheConfiguration;
import io.zenoo.cache.core.CacheEngine;
import io.zenoo.cache.core.CacheOwner;
import io.zenoo.cache.serialization.Copier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;

/**
 * The in-memory backend: a {@link javax.cache.Cache} (and {@link io.zenoo.cache.ZenooCache}) over a
 * {@link MemoryStore}, bounded by {@code max_size} with least-recently-used eviction, expired entries swept
 * every {@code cleanup_interval} by the JVM's one shared sweeper thread.
 *
 * <p>Statistics ({@link #stats()}): {@code backend} ("memory"), {@code max_size}, {@code current_size}
 * (entries held, including expired ones the sweep has not removed yet; they are never returned),
 * {@code memory_usage} (estimated bytes of keys, values and per-entry overhead: exact serialized size for
 * values stored by value as bytes, header plus characters for strings, 64 bytes for other objects held by
 * reference), {@code hit_rate}, {@code hits}, {@code misses}, {@code expired_items}, {@code evictions}.
 *
 * <p>Thread safe; see {@link MemoryStore} for the concurrency design.
 */
public final class MemoryCache<K, V> extends CacheEngine<K, V> {

  /** Bytes charged per entry for the map node, the list links and the expiry field. */
  static final long ENTRY_OVERHEAD = 80;

  private final MemoryCacheConfiguration<K, V> configuration;

  private MemoryCache(
      String name,
      CacheOwner owner,
      MemoryCacheConfiguration<K, V> configuration,
      ClassLoader classLoader,
      Executor executor) {
    super(
        name,
        owner,
        configuration,
        configuration.getClock(),
        executor,
        configuration.isStoreByValue() ? Copier.serializing(classLoader) : Copier.identity(),
        (removalListener, copier) ->
            MemoryStore.create(
                configuration.getMaxSize(),
                configuration.getCleanupInterval().toNanos(),
                configuration.getClock(),
                (key, stored) -> ENTRY_OVERHEAD + copier.weigh(key) + copier.weigh(stored),
                removalListener));
    this.configuration = configuration;
  }

  /** Creates a memory cache; the manager registers its MXBeans afterwards. */
  public static <K, V> MemoryCache<K, V> create(
      String name,
      CacheOwner owner,
      MemoryCacheConfiguration<K, V> configuration,
      ClassLoader classLoader,
      Executor executor) {
    return new MemoryCache<>(name, owner, configuration, classLoader, executor);
  }

  @Override
  protected CompleteConfiguration<K, V> snapshotConfiguration(
      List<CacheEntryListenerConfiguration<K, V>> listeners, boolean statisticsEnabled, boolean managementEnabled) {
    return configuration.toBuilder()
        .listeners(listeners)
        .statisticsEnabled(statisticsEnabled)
        .managementEnabled(managementEnabled)
        .build();
  }

  @Override
  protected Map<String, Object> backendStatistics() {
    MemoryStore<K, Object> store = (MemoryStore<K, Object>) store();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("max_size", store.maxSize());
    values.put("current_size", store.size());
    values.put("memory_usage", store.weight());
    values.put("default_ttl_seconds", configuration.getDefaultTtl() == null
        ? "none" : configuration.getDefaultTtl().toMillis() / 1000d);
    values.put("cleanup_interval_seconds", configuration.getCleanupInterval().toMillis() / 1000d);
    return values;
  }

  @Override
  protected String backendName() {
    return "memory";
  }
}
