package io.zenoo.cache.jcache;

import static java.util.Objects.requireNonNull;

import io.zenoo.cache.config.CacheSettings;
import io.zenoo.cache.config.ConfigurationFile;
import io.zenoo.cache.config.RedisUris;
import io.zenoo.cache.core.CacheEngine;
import io.zenoo.cache.core.CacheOwner;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CacheManager} of one (URI, class loader) pair. It creates, hands out and destroys caches, and
 * closes them all when it closes.
 *
 * <p>A manager whose URI names a {@link ConfigurationFile} creates the caches the file configures when it
 * starts, so that {@link #getCacheNames()} lists them and {@link #createCache} of one of their names fails
 * as for any existing cache. Asked for a cache the file does not name, it creates one with the file
 * defaults if the file says so ({@code defaults.create_missing_caches=true}), else returns null.
 *
 * <p>Thread safe: caches live in a concurrent map; creation of one name is atomic.
 */
public final class ZenooCacheManager implements CacheManager {

  private static final Logger LOG = LoggerFactory.getLogger(ZenooCacheManager.class);

  private final ZenooCachingProvider provider;
  private final URI uri;
  private final WeakReference<ClassLoader> classLoader;
  private final Properties properties;
  private final CacheFactory factory;
  private final @Nullable ConfigurationFile file;
  private final @Nullable CacheSettings fileDefaults;
  private final ConcurrentMap<String, CacheEngine<?, ?>> caches = new ConcurrentHashMap<>();
  private final Owner owner = new Owner();
  /** The URI in JMX names: the manager's, with any credentials masked (JMX consoles show names to all). */
  private final URI jmxUri;
  private volatile boolean closed;

  ZenooCacheManager(
      ZenooCachingProvider provider,
      URI uri,
      ClassLoader classLoader,
      Properties properties,
      CacheFactory factory,
      @Nullable ConfigurationFile file) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = new WeakReference<>(classLoader);
    this.properties = properties;
    this.factory = factory;
    this.file = file;
    this.fileDefaults = file == null ? null : file.defaults();
    this.jmxUri = maskedUri(uri);
  }

  /**
   * Creates the caches the configuration file configures, the manager's Properties over the file. Called
   * once by the provider before it hands the manager out.
   */
  void createConfiguredCaches() {
    if (file == null) {
      return;
    }
    for (String name : file.cacheNames()) {
      CacheSettings settings = file.cache(name).orElseThrow();
      CacheEngine<?, ?> cache = factory.create(
          name, owner, settings, settings.keyType(), settings.valueType(), getClassLoader(), properties);
      caches.put(name, cache);
      cache.registerManagement();
      factory.created(cache);
    }
  }

  private static URI maskedUri(URI uri) {
    String masked = RedisUris.mask(uri.toString());
    if (masked.equals(uri.toString())) {
      return uri;
    }
    try {
      return new URI(masked);
    } catch (java.net.URISyntaxException e) {
      return URI.create("masked:" + Integer.toHexString(uri.hashCode()));
    }
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    ClassLoader loader = classLoader.get();
    return loader == null ? provider.getDefaultClassLoader() : loader;
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
    requireOpen();
    requireNonNull(cacheName, "cacheName");
    requireNonNull(configuration, "configuration");
    CacheEngine<?, ?>[] created = new CacheEngine<?, ?>[1];
    caches.compute(
        cacheName,
        (name, existing) -> {
          if (existing != null) {
            throw new CacheException("A cache named " + name + " already exists in " + uri);
          }
          created[0] = factory.create(name, owner, configuration, getClassLoader(), properties, uri, fileDefaults);
          return created[0];
        });
    @SuppressWarnings("unchecked")
    CacheEngine<K, V> cache = (CacheEngine<K, V>) created[0];
    cache.registerManagement();
    factory.created(cache);
    return cache;
  }

  @Override
  public <K, V> @Nullable Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    requireOpen();
    requireNonNull(cacheName, "cacheName");
    requireNonNull(keyType, "keyType");
    requireNonNull(valueType, "valueType");
    CacheEngine<?, ?> cache = localOrDiscovered(cacheName, keyType, valueType);
    if (cache == null) {
      return null;
    }
    if (cache.keyType() != keyType) {
      throw new ClassCastException(
          "Cache " + cacheName + " has keys of type " + cache.keyType().getName() + ", not "
              + keyType.getName());
    }
    if (cache.valueType() != valueType) {
      throw new ClassCastException(
          "Cache " + cacheName + " has values of type " + cache.valueType().getName() + ", not "
              + valueType.getName());
    }
    @SuppressWarnings("unchecked")
    Cache<K, V> typed = (Cache<K, V>) cache;
    return typed;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> @Nullable Cache<K, V> getCache(String cacheName) {
    requireOpen();
    requireNonNull(cacheName, "cacheName");
    return (Cache<K, V>) localOrDiscovered(
        cacheName,
        fileDefaults == null ? Object.class : fileDefaults.keyType(),
        fileDefaults == null ? Object.class : fileDefaults.valueType());
  }

  /**
   * Returns this manager's cache of the name, or one another manager created on the same server, or one
   * created now with the file defaults and the given types when the configuration file allows it.
   */
  private @Nullable CacheEngine<?, ?> localOrDiscovered(String cacheName, Class<?> keyType, Class<?> valueType) {
    CacheEngine<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      return cache;
    }
    CacheEngine<?, ?> discovered =
        factory.discover(cacheName, owner, getClassLoader(), properties, uri, fileDefaults);
    if (discovered == null) {
      return file != null && file.createsMissingCaches() ? createMissing(cacheName, keyType, valueType) : null;
    }
    CacheEngine<?, ?> winner = caches.putIfAbsent(cacheName, discovered);
    if (winner != null) {
      discovered.close(); // another thread discovered or created it first
      return winner;
    }
    discovered.registerManagement();
    return discovered;
  }

  /** Creates a cache the configuration file does not name, with its defaults; racing callers get one cache. */
  private CacheEngine<?, ?> createMissing(String cacheName, Class<?> keyType, Class<?> valueType) {
    CacheSettings defaults = requireNonNull(fileDefaults, "fileDefaults");
    CacheEngine<?, ?>[] created = new CacheEngine<?, ?>[1];
    CacheEngine<?, ?> cache = caches.computeIfAbsent(
        cacheName,
        name -> created[0] =
            factory.create(name, owner, defaults, keyType, valueType, getClassLoader(), properties));
    if (created[0] != null) {
      created[0].registerManagement();
      factory.created(created[0]);
      LOG.debug("Created cache {} of {} with the configuration file defaults", cacheName, uri);
    }
    return cache;
  }

  @Override
  public Iterable<String> getCacheNames() {
    requireOpen();
    return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
  }

  @Override
  public void destroyCache(String cacheName) {
    requireOpen();
    requireNonNull(cacheName, "cacheName");
    CacheEngine<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.destroy();
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    requireOpen();
    requireNonNull(cacheName, "cacheName");
    CacheEngine<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setManagementEnabled(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    requireOpen();
    requireNonNull(cacheName, "cacheName");
    CacheEngine<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setStatisticsEnabled(enabled);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    provider.released(this);
    List<CacheEngine<?, ?>> open = new ArrayList<>(caches.values());
    for (CacheEngine<?, ?> cache : open) {
      try {
        cache.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing cache {} of {} failed", cache.getName(), uri, e);
      }
    }
    caches.clear();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("Cannot unwrap the cache manager to " + clazz.getName());
  }

  @Override
  public String toString() {
    return "ZenooCacheManager[" + RedisUris.mask(uri.toString()) + "]";
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The cache manager " + uri + " is closed");
    }
  }

  /** The view of this manager that its caches hold. */
  private final class Owner implements CacheOwner {
    @Override
    public CacheManager manager() {
      return ZenooCacheManager.this;
    }

    @Override
    public URI jmxUri() {
      return jmxUri;
    }

    @Override
    public void released(CacheEngine<?, ?> cache) {
      caches.remove(cache.getName(), cache);
    }
  }
}
