package io.zenoo.cache.jcache;

import static java.util.Objects.requireNonNull;

import io.zenoo.cache.config.CacheSettings;
import io.zenoo.cache.config.ConfigurationFile;
import io.zenoo.cache.config.RedisUris;
import io.zenoo.cache.core.CacheEngine;
import io.zenoo.cache.core.CacheOwner;
import io.zenoo.cache.internal.Resources;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * <p><b>Executor.</b> Its caches run their asynchronous and blocking work (asynchronous listeners, async
 * operations, {@code loadAll}) on an executor the manager owns: at most {@value #EXECUTOR_THREADS_PROPERTY}
 * threads (default {@link #DEFAULT_EXECUTOR_THREADS}), named {@code zenoo-cache-…-executor-n}, daemon,
 * without a context class loader, idle ones ending after a while, all stopped when the manager closes.
 * Tasks beyond the threads wait in an unbounded queue (a bounded one would have to refuse or run work
 * on the submitting thread, which may be a Redis I/O thread). An application that wants its own puts an
 * {@link Executor} under {@value #EXECUTOR_PROPERTY} in the manager's Properties; the manager uses it
 * and leaves it running.
 *
 * <p>Thread safe: caches live in a concurrent map; creation of one name is atomic.
 */
public final class ZenooCacheManager implements CacheManager {

  /** The manager property that gives the executor of the caches' asynchronous work (an {@link Executor}). */
  public static final String EXECUTOR_PROPERTY = "executor";

  /** The manager property that bounds the threads of the manager's own executor, a whole number > 0. */
  public static final String EXECUTOR_THREADS_PROPERTY = "executor_threads";

  /** The default of {@value #EXECUTOR_THREADS_PROPERTY}: the processors, at least 2. */
  public static final int DEFAULT_EXECUTOR_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  /** How long the manager's close waits for its executor's running tasks. */
  private static final long EXECUTOR_CLOSE_TIMEOUT_SECONDS = 5;

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
  /** The URI in messages and logs: the manager's, with any credentials masked. */
  private final String printableUri;
  private volatile boolean closed;
  /** The provider's threads and clients, shared by its managers, stopped when the last of them closes. */
  private final Resources resources;
  private final Executor executor;
  private final @Nullable ExecutorService ownExecutor;

  ZenooCacheManager(
      ZenooCachingProvider provider,
      URI uri,
      ClassLoader classLoader,
      Properties properties,
      CacheFactory factory,
      @Nullable ConfigurationFile file,
      Resources resources) {
    this.provider = provider;
    this.resources = resources;
    this.uri = uri;
    this.classLoader = new WeakReference<>(classLoader);
    this.properties = properties;
    this.factory = factory;
    this.file = file;
    this.fileDefaults = file == null ? null : file.defaults();
    this.jmxUri = maskedUri(uri);
    this.printableUri = RedisUris.mask(uri.toString());
    if (properties.get(EXECUTOR_PROPERTY) instanceof Executor given) {
      this.executor = given;
      this.ownExecutor = null;
    } else {
      ThreadPoolExecutor own = new ThreadPoolExecutor(
          executorThreads(properties), executorThreads(properties), 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), resources.threadFactory("executor", Thread::new));
      own.allowCoreThreadTimeOut(true);
      this.executor = own;
      this.ownExecutor = own;
    }
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

  private static int executorThreads(Properties properties) {
    Object value = properties.get(EXECUTOR_THREADS_PROPERTY);
    if (value == null) {
      return DEFAULT_EXECUTOR_THREADS;
    }
    try {
      int threads = Integer.parseInt(value.toString().trim());
      if (threads > 0) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CacheException(
        EXECUTOR_THREADS_PROPERTY + " must be a whole number > 0, but was '" + value + "'");
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
            throw new CacheException("A cache named " + name + " already exists in " + printableUri);
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
      LOG.debug("Created cache {} of {} with the configuration file defaults", cacheName, printableUri);
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
    List<CacheEngine<?, ?>> open = new ArrayList<>(caches.values());
    for (CacheEngine<?, ?> cache : open) {
      try {
        cache.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing cache {} of {} failed", cache.getName(), printableUri, e);
      }
    }
    caches.clear();
    stopExecutor();
    provider.released(this); // after the caches: the last manager's close stops the provider's resources
  }

  private void stopExecutor() {
    if (ownExecutor == null) {
      return;
    }
    ownExecutor.shutdown();
    try {
      if (!ownExecutor.awaitTermination(EXECUTOR_CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("Tasks of the caches of {} still ran {} s after close; interrupting them", printableUri,
            EXECUTOR_CLOSE_TIMEOUT_SECONDS);
        ownExecutor.shutdownNow();
      }
    } catch (InterruptedException e) {
      ownExecutor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Returns the provider's resources this manager's caches use. */
  Resources resources() {
    return resources;
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
    return "ZenooCacheManager[" + printableUri + "]";
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The cache manager " + printableUri + " is closed");
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

    @Override
    public Resources resources() {
      return resources;
    }

    @Override
    public Executor executor() {
      return executor;
    }
  }
}
