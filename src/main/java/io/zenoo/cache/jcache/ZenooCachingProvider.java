package io.zenoo.cache.jcache;

import io.zenoo.cache.config.ManagerParameters;
import io.zenoo.cache.config.ConfigurationFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;
import org.jspecify.annotations.Nullable;

/**
 * The zenoo-cache {@link CachingProvider}, found by {@code Caching.getCachingProvider()} through
 * {@code META-INF/services}. It keeps one open {@link ZenooCacheManager} per (URI, class loader).
 *
 * <p>The default URI is {@value #MEMORY_URI} (MemoryCache caches, nothing to install) unless the system
 * property {@value #URI_PROPERTY} or the environment variable {@value #URI_ENVIRONMENT} names another.
 * A {@code redis://}, {@code rediss://} or {@code redis-sentinel://} URI gives RedisCache caches on that
 * server; a {@code classpath:}, {@code file:} or {@code jar:} URI names a {@link ConfigurationFile}, read
 * and validated when its manager is created (a bad file fails {@code getCacheManager}). Other URIs give
 * memory caches when they are opaque names ({@code myapp:caches}); a URI with an authority and a scheme
 * we do not know ({@code redis-cluster://…}, {@code http://…}) fails, naming the nearest known scheme.
 * Schemes are compared without regard to case.
 *
 * <p>Thread safe.
 */
public final class ZenooCachingProvider implements CachingProvider {

  /** The URI of the embedded in-memory default. */
  public static final String MEMORY_URI = "zenoo:memory";
  /** The system property that sets the default URI. */
  public static final String URI_PROPERTY = "zenoo.cache.uri";
  /** The environment variable that sets the default URI when the system property is not set. */
  public static final String URI_ENVIRONMENT = "ZENOO_CACHE_URI";

  /** The prefix of system properties that set default cache parameters. */
  public static final String PROPERTY_PREFIX = ManagerParameters.SYSTEM_PROPERTY_PREFIX;

  private final Map<ClassLoader, Map<URI, ZenooCacheManager>> managers = new WeakHashMap<>();
  private final CacheFactory factory = new CacheFactory();

  /** Creates the provider; {@code Caching} does this through the service loader. */
  public ZenooCachingProvider() {}

  @Override
  public CacheManager getCacheManager(@Nullable URI uri, @Nullable ClassLoader classLoader, @Nullable Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    synchronized (managers) {
      Map<URI, ZenooCacheManager> byUri = managers.computeIfAbsent(loader, k -> new HashMap<>());
      ZenooCacheManager manager = byUri.get(managerUri);
      if (manager == null || manager.isClosed()) {
        // no silent misconfiguration: an unknown scheme, parameter or value fails here, by name
        ManagerParameters.checkUri(managerUri);
        Properties copy = ManagerParameters.resolve(managerUri, getDefaultProperties(), properties);
        ConfigurationFile file =
            ConfigurationFile.isConfigurationUri(managerUri) ? ConfigurationFile.load(managerUri, loader) : null;
        manager = new ZenooCacheManager(this, managerUri, loader, copy, factory, file);
        byUri.put(managerUri, manager);
        try {
          manager.createConfiguredCaches();
        } catch (RuntimeException e) {
          manager.close();
          throw e;
        }
      }
      return manager;
    }
  }

  @Override
  public CacheManager getCacheManager(@Nullable URI uri, @Nullable ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, null); // the system properties, below the URI's query
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader(), null);
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    ClassLoader loader = ZenooCachingProvider.class.getClassLoader();
    return loader == null ? ClassLoader.getSystemClassLoader() : loader;
  }

  @Override
  public URI getDefaultURI() {
    String configured = System.getProperty(URI_PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(URI_ENVIRONMENT);
    }
    if (configured == null || configured.isBlank()) {
      configured = MEMORY_URI;
    }
    try {
      return new URI(configured.trim());
    } catch (URISyntaxException e) {
      throw new CacheException(
          "The default cache URI set by " + URI_PROPERTY + " or " + URI_ENVIRONMENT + " is not a valid URI: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Returns every cache parameter set as a system property prefixed {@code zenoo.cache.}, e.g.
   * {@code -Dzenoo.cache.serializer=java}, so that an operator can configure an application that never
   * passes Properties. They rank below a Redis URI's query and the Properties given to
   * {@code getCacheManager}.
   *
   * @throws CacheException for a {@code zenoo.cache.*} property that is no parameter (a misspelling) or a
   *     bad value
   */
  @Override
  public Properties getDefaultProperties() {
    return ManagerParameters.fromSystemProperties(System.getProperties());
  }

  @Override
  public void close() {
    List<ZenooCacheManager> all = new ArrayList<>();
    synchronized (managers) {
      for (Map<URI, ZenooCacheManager> byUri : managers.values()) {
        all.addAll(byUri.values());
      }
      managers.clear();
    }
    all.forEach(ZenooCacheManager::close);
  }

  @Override
  public void close(@Nullable ClassLoader classLoader) {
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    List<ZenooCacheManager> all = new ArrayList<>();
    synchronized (managers) {
      Map<URI, ZenooCacheManager> byUri = managers.remove(loader);
      if (byUri != null) {
        all.addAll(byUri.values());
      }
    }
    all.forEach(ZenooCacheManager::close);
  }

  @Override
  public void close(@Nullable URI uri, @Nullable ClassLoader classLoader) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    ZenooCacheManager manager;
    synchronized (managers) {
      Map<URI, ZenooCacheManager> byUri = managers.get(loader);
      manager = byUri == null ? null : byUri.remove(managerUri);
      if (byUri != null && byUri.isEmpty()) {
        managers.remove(loader);
      }
    }
    if (manager != null) {
      manager.close();
    }
  }

  /**
   * Returns whether the backend of the default URI supports the feature: store-by-reference is supported
   * by the memory backend, not by Redis (whose entries are always bytes in another process).
   */
  @Override
  public boolean isSupported(OptionalFeature optionalFeature) {
    return optionalFeature == OptionalFeature.STORE_BY_REFERENCE && !CacheFactory.isRedis(getDefaultURI());
  }

  /** Forgets a manager that closed itself. */
  void released(ZenooCacheManager manager) {
    synchronized (managers) {
      Map<URI, ZenooCacheManager> byUri = managers.get(manager.getClassLoader());
      if (byUri != null && byUri.get(manager.getURI()) == manager) {
        byUri.remove(manager.getURI());
        if (byUri.isEmpty()) {
          managers.remove(manager.getClassLoader());
        }
      }
    }
  }
}
