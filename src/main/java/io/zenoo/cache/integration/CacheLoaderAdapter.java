package io.zenoo.cache.integration;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's view of a {@link CacheLoader}: every failure surfaces as a {@link CacheLoaderException}
 * with the cause attached. {@link #disabled()} is the null object of caches without a loader.
 */
public final class CacheLoaderAdapter<K, V> {

  private static final Logger LOG = LoggerFactory.getLogger(CacheLoaderAdapter.class);
  private static final CacheLoaderAdapter<?, ?> DISABLED = new CacheLoaderAdapter<>(null);

  private final @Nullable CacheLoader<K, V> loader;

  private CacheLoaderAdapter(@Nullable CacheLoader<K, V> loader) {
    this.loader = loader;
  }

  /** Returns an adapter over the loader. */
  public static <K, V> CacheLoaderAdapter<K, V> of(CacheLoader<K, V> loader) {
    return new CacheLoaderAdapter<>(loader);
  }

  /** Returns the adapter of caches without a loader. */
  @SuppressWarnings("unchecked")
  public static <K, V> CacheLoaderAdapter<K, V> disabled() {
    return (CacheLoaderAdapter<K, V>) DISABLED;
  }

  /** Returns whether there is a loader to call. */
  public boolean isEnabled() {
    return loader != null;
  }

  /** Loads one key; returns null when the loader has no value for it. */
  public @Nullable V load(K key) {
    if (loader == null) {
      return null;
    }
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("The cache loader failed to load key " + key + ": " + e, e);
    }
  }

  /** Loads keys; the map may lack keys or hold null values for keys the loader has no value for. */
  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    if (loader == null) {
      return Map.of();
    }
    try {
      Map<K, V> loaded = loader.loadAll(keys);
      return loaded == null ? Map.of() : loaded;
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("The cache loader failed to load keys: " + e, e);
    }
  }

  /** Closes the loader if it is {@link Closeable}. */
  public void close() {
    if (loader instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Closing the cache loader failed", e);
      }
    }
  }
}
