package io.zenoo.cache.config;

import io.zenoo.cache.store.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.jspecify.annotations.Nullable;

/**
 * The complete, immutable configuration of a RedisCache: the JCache settings plus the RedisCache
 * parameters, each with a documented default ({@code DEFAULT_*}). Build one with
 * {@link #builder(Class, Class)}; any other JCache {@link Configuration} becomes one through
 * {@link #from(Configuration)}, which fills in the defaults. Every builder setter validates its argument and
 * names the parameter by its seed name in the message; {@link Builder#build()} checks the one rule that
 * spans two parameters ({@code retry_backoff_max >= retry_backoff_base}).
 *
 * <p>The URL is kept as given, for the Redis client; {@link #toString()} and every message show it through
 * {@link RedisUris#mask(String)}, so credentials never print.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RedisCacheConfiguration<K, V> implements CompleteConfiguration<K, V> {

  private static final long serialVersionUID = 1L;

  /** The default server: a local Redis, database 0. */
  public static final String DEFAULT_URL = "redis://localhost:6379/0";
  /** The default key prefix: keys are {@code namespace:cacheName:key}. */
  public static final String DEFAULT_NAMESPACE = "zenoo";
  /** The JSON codec (Jackson), the default serializer. */
  public static final String SERIALIZER_JSON = "json";
  /** JDK serialization behind an allow-list; {@code pickle} is accepted as its alias. */
  public static final String SERIALIZER_JAVA = "java";
  /** The default serializer. */
  public static final String DEFAULT_SERIALIZER = SERIALIZER_JSON;
  /** The default upper bound of TCP connections to one server. */
  public static final int DEFAULT_MAX_CONNECTIONS = 20;
  /** The default number of attempts in total (the first one included) after a connection error or timeout. */
  public static final int DEFAULT_RETRY_ATTEMPTS = 3;
  /** The default delay before the second attempt, doubled for each further one. */
  public static final Duration DEFAULT_RETRY_BACKOFF_BASE = Duration.ofMillis(100);
  /** The default cap of the retry and reconnection delay. */
  public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofSeconds(60);
  /** The default period of the health check PING. */
  public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(30);
  /** The default number of consecutive failures that opens the circuit. */
  public static final int DEFAULT_CIRCUIT_BREAKER_THRESHOLD = 5;
  /** The default time the circuit stays open before probing. */
  public static final Duration DEFAULT_CIRCUIT_BREAKER_TIMEOUT = Duration.ofSeconds(60);
  /** The default timeout of one command. */
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(5);
  /** The default timeout of one connection attempt. */
  public static final Duration DEFAULT_SOCKET_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Whether an in-memory fallback serves while Redis is unusable, by default. */
  public static final boolean DEFAULT_ENABLE_FALLBACK = true;
  /** Default {@code fallback_max_size}: entries the in-memory fallback holds while Redis is unusable. */
  public static final long DEFAULT_FALLBACK_MAX_SIZE = 10_000;
  /** {@code fallback_reconcile} value: delete the keys written during the outage in Redis on recovery. */
  public static final String RECONCILE_INVALIDATE = "invalidate";
  /** {@code fallback_reconcile} value: write the fallback's values back to Redis on recovery. */
  public static final String RECONCILE_REPLAY = "replay";
  /** Default {@code fallback_reconcile}. */
  public static final String DEFAULT_FALLBACK_RECONCILE = RECONCILE_INVALIDATE;
  /** The default allow-list beyond the declared types: empty. */
  public static final List<String> DEFAULT_ALLOWED_PACKAGES = List.of();

  private final Class<K> keyType;
  private final Class<V> valueType;
  private final List<CacheEntryListenerConfiguration<K, V>> listenerConfigurations;
  private final @Nullable Factory<CacheLoader<K, V>> loaderFactory;
  private final @Nullable Factory<CacheWriter<? super K, ? super V>> writerFactory;
  private final Factory<ExpiryPolicy> expiryPolicyFactory;
  private final boolean readThrough;
  private final boolean writeThrough;
  private final boolean statisticsEnabled;
  private final boolean managementEnabled;
  private final boolean storeByValue;
  private final String url;
  private final boolean urlSet;
  private final String namespace;
  private final String serializer;
  private final int maxConnections;
  private final int retryAttempts;
  private final Duration retryBackoffBase;
  private final Duration retryBackoffMax;
  private final Duration healthCheckInterval;
  private final int circuitBreakerThreshold;
  private final Duration circuitBreakerTimeout;
  private final Duration socketTimeout;
  private final Duration socketConnectTimeout;
  private final boolean enableFallback;
  private final long fallbackMaxSize;
  private final String fallbackReconcile;
  private final List<String> allowedPackages;
  private final @Nullable String sslTruststore;
  private final @Nullable String sslTruststorePassword;
  private final transient @Nullable Clock clock;

  private RedisCacheConfiguration(Builder<K, V> b) {
    this.keyType = b.keyType;
    this.valueType = b.valueType;
    this.listenerConfigurations = Collections.unmodifiableList(new ArrayList<>(b.listenerConfigurations));
    this.loaderFactory = b.loaderFactory;
    this.writerFactory = b.writerFactory;
    this.expiryPolicyFactory = b.expiryPolicyFactory;
    this.readThrough = b.readThrough;
    this.writeThrough = b.writeThrough;
    this.statisticsEnabled = b.statisticsEnabled;
    this.managementEnabled = b.managementEnabled;
    this.storeByValue = b.storeByValue;
    this.url = b.url;
    this.urlSet = b.urlSet;
    this.namespace = b.namespace;
    this.serializer = b.serializer;
    this.maxConnections = b.maxConnections;
    this.retryAttempts = b.retryAttempts;
    this.retryBackoffBase = b.retryBackoffBase;
    this.retryBackoffMax = b.retryBackoffMax;
    this.healthCheckInterval = b.healthCheckInterval;
    this.circuitBreakerThreshold = b.circuitBreakerThreshold;
    this.circuitBreakerTimeout = b.circuitBreakerTimeout;
    this.socketTimeout = b.socketTimeout;
    this.socketConnectTimeout = b.socketConnectTimeout;
    this.enableFallback = b.enableFallback;
    this.fallbackMaxSize = b.fallbackMaxSize;
    this.fallbackReconcile = b.fallbackReconcile;
    this.allowedPackages = List.copyOf(b.allowedPackages);
    this.sslTruststore = b.sslTruststore;
    this.sslTruststorePassword = b.sslTruststorePassword;
    this.clock = b.clock;
  }

  /** Returns a builder for a cache of the given key and value types, with every default. */
  public static <K, V> Builder<K, V> builder(Class<K> keyType, Class<V> valueType) {
    return new Builder<>(keyType, valueType);
  }

  /**
   * Returns the configuration as a RedisCacheConfiguration: itself if it is one, otherwise its JCache
   * settings (those of a {@link CompleteConfiguration}, or only types and store-by-value of a plain
   * {@link Configuration}) with the RedisCache defaults.
   */
  @SuppressWarnings("unchecked")
  public static <K, V> RedisCacheConfiguration<K, V> from(Configuration<K, V> configuration) {
    if (configuration instanceof RedisCacheConfiguration<?, ?> redis) {
      return (RedisCacheConfiguration<K, V>) redis;
    }
    return builder(configuration.getKeyType(), configuration.getValueType())
        .jcacheSettings(configuration)
        .build();
  }

  /** Returns a builder holding this configuration's settings. */
  public Builder<K, V> toBuilder() {
    Builder<K, V> b = new Builder<>(keyType, valueType).jcacheSettings(this);
    b.url = url;
    b.urlSet = urlSet;
    b.namespace = namespace;
    b.serializer = serializer;
    b.maxConnections = maxConnections;
    b.retryAttempts = retryAttempts;
    b.retryBackoffBase = retryBackoffBase;
    b.retryBackoffMax = retryBackoffMax;
    b.healthCheckInterval = healthCheckInterval;
    b.circuitBreakerThreshold = circuitBreakerThreshold;
    b.circuitBreakerTimeout = circuitBreakerTimeout;
    b.socketTimeout = socketTimeout;
    b.socketConnectTimeout = socketConnectTimeout;
    b.enableFallback = enableFallback;
    b.fallbackMaxSize = fallbackMaxSize;
    b.fallbackReconcile = fallbackReconcile;
    b.allowedPackages.addAll(allowedPackages);
    b.sslTruststore = sslTruststore;
    b.sslTruststorePassword = sslTruststorePassword;
    b.clock = clock;
    return b;
  }

  /**
   * Returns the server URL ({@code url}) as given, credentials included, for the Redis client only; show
   * it through {@link RedisUris#mask(String)}.
   */
  public String getUrl() {
    return url;
  }

  /** Returns the key prefix ({@code namespace}): keys are {@code namespace:cacheName:key}. */
  public String getNamespace() {
    return namespace;
  }

  /**
   * Returns the serializer ({@code serializer}): {@value #SERIALIZER_JSON}, {@value #SERIALIZER_JAVA}
   * ({@code pickle} is stored as {@code java}), or the fully qualified class name of a codec.
   */
  public String getSerializer() {
    return serializer;
  }

  /** Returns the upper bound of TCP connections to one server ({@code max_connections}). */
  public int getMaxConnections() {
    return maxConnections;
  }

  /** Returns the number of attempts in total, the first one included ({@code retry_attempts}). */
  public int getRetryAttempts() {
    return retryAttempts;
  }

  /** Returns the delay before the second attempt ({@code retry_backoff_base}). */
  public Duration getRetryBackoffBase() {
    return retryBackoffBase;
  }

  /** Returns the cap of the retry and reconnection delay ({@code retry_backoff_max}). */
  public Duration getRetryBackoffMax() {
    return retryBackoffMax;
  }

  /** Returns the period of the health check PING ({@code health_check_interval}). */
  public Duration getHealthCheckInterval() {
    return healthCheckInterval;
  }

  /** Returns the number of consecutive failures that opens the circuit ({@code circuit_breaker_threshold}). */
  public int getCircuitBreakerThreshold() {
    return circuitBreakerThreshold;
  }

  /** Returns the time the circuit stays open before probing ({@code circuit_breaker_timeout}). */
  public Duration getCircuitBreakerTimeout() {
    return circuitBreakerTimeout;
  }

  /** Returns the timeout of one command ({@code socket_timeout}). */
  public Duration getSocketTimeout() {
    return socketTimeout;
  }

  /** Returns the timeout of one connection attempt ({@code socket_connect_timeout}). */
  public Duration getSocketConnectTimeout() {
    return socketConnectTimeout;
  }

  /** Returns whether an in-memory fallback serves while Redis is unusable ({@code enable_fallback}). */
  public boolean isFallbackEnabled() {
    return enableFallback;
  }

  /**
   * Returns whether {@code url} was given (to the builder, by Properties or a URI) rather than left at its
   * default: a configuration that names no server gets the server of the cache manager it is created in.
   */
  public boolean isUrlSet() {
    return urlSet;
  }

  /** Returns the entry bound of the in-memory fallback ({@code fallback_max_size}). */
  public long getFallbackMaxSize() {
    return fallbackMaxSize;
  }

  /**
   * Returns what recovery does with the keys written during an outage ({@code fallback_reconcile}):
   * {@value #RECONCILE_INVALIDATE} deletes them in Redis, {@value #RECONCILE_REPLAY} writes the fallback's
   * values back with their remaining time to live.
   */
  public String getFallbackReconcile() {
    return fallbackReconcile;
  }

  /**
   * Returns the package prefixes and class names the {@code java} and {@code json} codecs may instantiate
   * beyond the declared types ({@code allowed_packages}). An entry {@code e} admits the class named
   * {@code e} and every class whose name starts with {@code e + "."} or {@code e + "$"}.
   */
  public List<String> getAllowedPackages() {
    return allowedPackages;
  }

  /**
   * Returns the path of the truststore (PKCS12 or JKS) that {@code rediss://} connections verify the server
   * against ({@code ssl_truststore}), or null for the JVM's default trust.
   */
  public @Nullable String getSslTruststore() {
    return sslTruststore;
  }

  /** Returns the truststore's password ({@code ssl_truststore_password}), or null; never printed. */
  public @Nullable String getSslTruststorePassword() {
    return sslTruststorePassword;
  }

  /** Returns the clock for backoff, breaker and health-check timing: the system clock unless a test set another. */
  public Clock getClock() {
    return clock == null ? Clock.system() : clock;
  }

  @Override
  public Class<K> getKeyType() {
    return keyType;
  }

  @Override
  public Class<V> getValueType() {
    return valueType;
  }

  @Override
  public boolean isReadThrough() {
    return readThrough;
  }

  @Override
  public boolean isWriteThrough() {
    return writeThrough;
  }

  @Override
  public boolean isStatisticsEnabled() {
    return statisticsEnabled;
  }

  @Override
  public boolean isManagementEnabled() {
    return managementEnabled;
  }

  @Override
  public Iterable<CacheEntryListenerConfiguration<K, V>> getCacheEntryListenerConfigurations() {
    return listenerConfigurations;
  }

  @Override
  @SuppressWarnings("NullAway") // JCache returns null when no loader is configured
  public Factory<CacheLoader<K, V>> getCacheLoaderFactory() {
    return loaderFactory;
  }

  @Override
  @SuppressWarnings("NullAway")
  public Factory<CacheWriter<? super K, ? super V>> getCacheWriterFactory() {
    return writerFactory;
  }

  @Override
  public Factory<ExpiryPolicy> getExpiryPolicyFactory() {
    return expiryPolicyFactory;
  }

  @Override
  public boolean isStoreByValue() {
    return storeByValue;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RedisCacheConfiguration<?, ?> that)) {
      return false;
    }
    return keyType == that.keyType
        && valueType == that.valueType
        && listenerConfigurations.equals(that.listenerConfigurations)
        && Objects.equals(loaderFactory, that.loaderFactory)
        && Objects.equals(writerFactory, that.writerFactory)
        && expiryPolicyFactory.equals(that.expiryPolicyFactory)
        && readThrough == that.readThrough
        && writeThrough == that.writeThrough
        && statisticsEnabled == that.statisticsEnabled
        && managementEnabled == that.managementEnabled
        && storeByValue == that.storeByValue
        && url.equals(that.url)
        && namespace.equals(that.namespace)
        && serializer.equals(that.serializer)
        && maxConnections == that.maxConnections
        && retryAttempts == that.retryAttempts
        && retryBackoffBase.equals(that.retryBackoffBase)
        && retryBackoffMax.equals(that.retryBackoffMax)
        && healthCheckInterval.equals(that.healthCheckInterval)
        && circuitBreakerThreshold == that.circuitBreakerThreshold
        && circuitBreakerTimeout.equals(that.circuitBreakerTimeout)
        && socketTimeout.equals(that.socketTimeout)
        && socketConnectTimeout.equals(that.socketConnectTimeout)
        && enableFallback == that.enableFallback
        && fallbackMaxSize == that.fallbackMaxSize
        && fallbackReconcile.equals(that.fallbackReconcile)
        && allowedPackages.equals(that.allowedPackages)
        && Objects.equals(sslTruststore, that.sslTruststore)
        && Objects.equals(sslTruststorePassword, that.sslTruststorePassword);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyType, valueType, url, namespace, serializer, maxConnections, storeByValue);
  }

  @Override
  public String toString() {
    return "RedisCacheConfiguration[keyType=" + keyType.getName() + ", valueType=" + valueType.getName()
        + ", url=" + RedisUris.mask(url) + ", namespace=" + namespace + ", serializer=" + serializer
        + ", max_connections=" + maxConnections + ", retry_attempts=" + retryAttempts
        + ", retry_backoff_base=" + retryBackoffBase + ", retry_backoff_max=" + retryBackoffMax
        + ", health_check_interval=" + healthCheckInterval
        + ", circuit_breaker_threshold=" + circuitBreakerThreshold
        + ", circuit_breaker_timeout=" + circuitBreakerTimeout + ", socket_timeout=" + socketTimeout
        + ", socket_connect_timeout=" + socketConnectTimeout + ", enable_fallback=" + enableFallback
        + ", fallback_max_size=" + fallbackMaxSize + ", fallback_reconcile=" + fallbackReconcile
        + ", allowed_packages=" + allowedPackages
        + ", ssl_truststore=" + sslTruststore
        + ", ssl_truststore_password=" + (sslTruststorePassword == null ? "none" : RedisUris.MASK)
        + ", storeByValue=" + storeByValue
        + ", readThrough=" + readThrough + ", writeThrough=" + writeThrough
        + ", statistics=" + statisticsEnabled + ", management=" + managementEnabled + "]";
  }

  /**
   * Builds a {@link RedisCacheConfiguration}; every setter validates its argument, {@link #build()} the
   * relation between {@code retry_backoff_base} and {@code retry_backoff_max}.
   *
   * @param <K> the key type
   * @param <V> the value type
   */
  public static final class Builder<K, V> {
    private final Class<K> keyType;
    private final Class<V> valueType;
    private final List<CacheEntryListenerConfiguration<K, V>> listenerConfigurations = new ArrayList<>();
    private @Nullable Factory<CacheLoader<K, V>> loaderFactory;
    private @Nullable Factory<CacheWriter<? super K, ? super V>> writerFactory;
    private Factory<ExpiryPolicy> expiryPolicyFactory = EternalExpiryPolicy.factoryOf();
    private boolean readThrough;
    private boolean writeThrough;
    private boolean statisticsEnabled;
    private boolean managementEnabled;
    private boolean storeByValue = true;
    private String url = DEFAULT_URL;
    private boolean urlSet;
    private String namespace = DEFAULT_NAMESPACE;
    private String serializer = DEFAULT_SERIALIZER;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int retryAttempts = DEFAULT_RETRY_ATTEMPTS;
    private Duration retryBackoffBase = DEFAULT_RETRY_BACKOFF_BASE;
    private Duration retryBackoffMax = DEFAULT_RETRY_BACKOFF_MAX;
    private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;
    private int circuitBreakerThreshold = DEFAULT_CIRCUIT_BREAKER_THRESHOLD;
    private Duration circuitBreakerTimeout = DEFAULT_CIRCUIT_BREAKER_TIMEOUT;
    private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
    private Duration socketConnectTimeout = DEFAULT_SOCKET_CONNECT_TIMEOUT;
    private boolean enableFallback = DEFAULT_ENABLE_FALLBACK;
    private long fallbackMaxSize = DEFAULT_FALLBACK_MAX_SIZE;
    private String fallbackReconcile = DEFAULT_FALLBACK_RECONCILE;
    private final Set<String> allowedPackages = new LinkedHashSet<>(DEFAULT_ALLOWED_PACKAGES);
    private @Nullable String sslTruststore;
    private @Nullable String sslTruststorePassword;
    private @Nullable Clock clock;

    private Builder(Class<K> keyType, Class<V> valueType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    /** Copies the JCache settings of any configuration (all of them from a complete one). */
    public Builder<K, V> jcacheSettings(Configuration<K, V> configuration) {
      storeByValue = configuration.isStoreByValue();
      if (configuration instanceof CompleteConfiguration<K, V> complete) {
        listenerConfigurations.clear();
        for (CacheEntryListenerConfiguration<K, V> l : complete.getCacheEntryListenerConfigurations()) {
          listenerConfigurations.add(l);
        }
        loaderFactory = complete.getCacheLoaderFactory();
        writerFactory = complete.getCacheWriterFactory();
        Factory<ExpiryPolicy> expiry = complete.getExpiryPolicyFactory();
        expiryPolicyFactory = expiry == null ? EternalExpiryPolicy.factoryOf() : expiry;
        readThrough = complete.isReadThrough();
        writeThrough = complete.isWriteThrough();
        statisticsEnabled = complete.isStatisticsEnabled();
        managementEnabled = complete.isManagementEnabled();
      }
      return this;
    }

    /**
     * Sets the server URL in Lettuce's syntax: {@code redis://[[user:]password@]host[:port][/database]},
     * {@code rediss://} for TLS, {@code redis-sentinel://[password@]host[:port][,host2[:port2]]...#master};
     * a comma-separated host list names Cluster seed nodes. Only the form is checked (scheme, a host,
     * {@link java.net.URI} syntax); messages show the URL masked.
     */
    public Builder<K, V> url(String url) {
      this.url = RedisUris.check(url);
      this.urlSet = true;
      return this;
    }

    /**
     * Sets the key prefix: not empty, no whitespace or control characters, no {@code ':'} (it separates
     * namespace, cache name and key in {@code namespace:cacheName:key}, so a colon in the namespace would
     * let two namespaces share keys).
     */
    public Builder<K, V> namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace");
      if (namespace.isEmpty()) {
        throw new IllegalArgumentException("namespace must not be empty");
      }
      if (namespace.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        throw new IllegalArgumentException(
            "namespace must not contain whitespace or control characters, but was '" + namespace + "'");
      }
      if (namespace.indexOf(':') >= 0) {
        throw new IllegalArgumentException(
            "namespace must not contain ':', which separates namespace, cache name and key in Redis keys"
                + " (namespace:cacheName:key), but was '" + namespace + "'");
      }
      this.namespace = namespace;
      return this;
    }

    /**
     * Sets the serializer: {@code json}, {@code java}, {@code pickle} (an alias of {@code java}, stored as
     * {@code java}), in any case, or the fully qualified class name of a codec. Only the form of a class
     * name is checked here; the class is loaded when the cache is created.
     */
    public Builder<K, V> serializer(String serializer) {
      Objects.requireNonNull(serializer, "serializer");
      String keyword = serializer.toLowerCase(Locale.ROOT);
      if (keyword.equals(SERIALIZER_JSON) || keyword.equals(SERIALIZER_JAVA)) {
        this.serializer = keyword;
      } else if (keyword.equals("pickle")) {
        this.serializer = SERIALIZER_JAVA;
      } else if (isQualifiedName(serializer, /* packageRequired= */ true)) {
        this.serializer = serializer;
      } else {
        throw new IllegalArgumentException(
            "serializer must be json, java, pickle or the fully qualified class name of a codec, but was '"
                + serializer + "'");
      }
      return this;
    }

    /** Sets the upper bound of TCP connections this client opens to one server. */
    public Builder<K, V> maxConnections(int maxConnections) {
      if (maxConnections <= 0) {
        throw new IllegalArgumentException("max_connections must be > 0, but was " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Sets the number of attempts in total, the first one included, for an operation that failed on a
     * connection error or timeout; 1 means no retry.
     */
    public Builder<K, V> retryAttempts(int retryAttempts) {
      if (retryAttempts < 1) {
        throw new IllegalArgumentException("retry_attempts must be >= 1, but was " + retryAttempts);
      }
      this.retryAttempts = retryAttempts;
      return this;
    }

    /**
     * Sets the delay before the second attempt; attempt n waits min(max, base·2^(n-2)) with jitter. It must
     * not exceed {@code retry_backoff_max}, checked by {@link #build()}.
     */
    public Builder<K, V> retryBackoffBase(Duration base) {
      this.retryBackoffBase = positive("retry_backoff_base", base);
      return this;
    }

    /** Sets the cap of the retry and reconnection delay; at least {@code retry_backoff_base}. */
    public Builder<K, V> retryBackoffMax(Duration max) {
      this.retryBackoffMax = positive("retry_backoff_max", max);
      return this;
    }

    /** Sets the period of the health check PING. */
    public Builder<K, V> healthCheckInterval(Duration interval) {
      this.healthCheckInterval = positive("health_check_interval", interval);
      return this;
    }

    /** Sets the number of consecutive failures that opens the circuit; 0 turns the breaker off. */
    public Builder<K, V> circuitBreakerThreshold(int threshold) {
      if (threshold < 0) {
        throw new IllegalArgumentException(
            "circuit_breaker_threshold must be >= 0 (0 turns the breaker off), but was " + threshold);
      }
      this.circuitBreakerThreshold = threshold;
      return this;
    }

    /** Sets the time the circuit stays open before it lets a probe through. */
    public Builder<K, V> circuitBreakerTimeout(Duration timeout) {
      this.circuitBreakerTimeout = positive("circuit_breaker_timeout", timeout);
      return this;
    }

    /** Sets the timeout of one command. */
    public Builder<K, V> socketTimeout(Duration timeout) {
      this.socketTimeout = positive("socket_timeout", timeout);
      return this;
    }

    /** Sets the timeout of one connection attempt. */
    public Builder<K, V> socketConnectTimeout(Duration timeout) {
      this.socketConnectTimeout = positive("socket_connect_timeout", timeout);
      return this;
    }

    /** Sets whether an in-memory fallback cache serves while Redis is unusable. */
    public Builder<K, V> enableFallback(boolean enableFallback) {
      this.enableFallback = enableFallback;
      return this;
    }

    /** Sets the entry bound of the in-memory fallback; least recently used entries go first. */
    public Builder<K, V> fallbackMaxSize(long maxSize) {
      if (maxSize <= 0) {
        throw new IllegalArgumentException("fallback_max_size must be > 0, but was " + maxSize);
      }
      this.fallbackMaxSize = maxSize;
      return this;
    }

    /**
     * Sets what recovery does with the keys written during an outage: {@value #RECONCILE_INVALIDATE}
     * (delete them in Redis: the next read misses) or {@value #RECONCILE_REPLAY} (write the fallback's
     * values back with their remaining time to live).
     */
    public Builder<K, V> fallbackReconcile(String mode) {
      Objects.requireNonNull(mode, "fallback_reconcile");
      if (!mode.equals(RECONCILE_INVALIDATE) && !mode.equals(RECONCILE_REPLAY)) {
        throw new IllegalArgumentException(
            "fallback_reconcile must be invalidate or replay, but was '" + mode + "'");
      }
      this.fallbackReconcile = mode;
      return this;
    }

    /**
     * Replaces the package prefixes and class names the codecs may instantiate beyond the declared types;
     * each is a dotted Java name such as {@code com.example} or {@code com.example.Money}, without
     * wildcards. Duplicates are dropped, order is kept.
     */
    public Builder<K, V> allowedPackages(Collection<String> packages) {
      Objects.requireNonNull(packages, "allowed_packages");
      List<String> checked = new ArrayList<>(packages.size());
      for (String p : packages) {
        checked.add(allowedName(p));
      }
      allowedPackages.clear();
      allowedPackages.addAll(checked);
      return this;
    }

    /**
     * Sets the truststore file (PKCS12 or JKS) that TLS connections verify the server against, or null
     * for the JVM's default trust.
     */
    public Builder<K, V> sslTruststore(@Nullable String path) {
      if (path != null && path.isBlank()) {
        throw new IllegalArgumentException("ssl_truststore must be a file path, but was blank");
      }
      this.sslTruststore = path;
      return this;
    }

    /** Sets the truststore's password, or null for none. */
    public Builder<K, V> sslTruststorePassword(@Nullable String password) {
      this.sslTruststorePassword = password;
      return this;
    }

    /** Adds a package prefix or class name to {@link #allowedPackages(Collection)}. */
    public Builder<K, V> addAllowedPackage(String packageOrClass) {
      allowedPackages.add(allowedName(packageOrClass));
      return this;
    }

    /** Sets the expiry policy. */
    public Builder<K, V> expiryPolicyFactory(Factory<? extends ExpiryPolicy> factory) {
      @SuppressWarnings("unchecked")
      Factory<ExpiryPolicy> f = (Factory<ExpiryPolicy>) Objects.requireNonNull(factory, "expiryPolicyFactory");
      this.expiryPolicyFactory = f;
      return this;
    }

    /** Sets the loader factory used for read-through and {@code loadAll}. */
    public Builder<K, V> cacheLoaderFactory(@Nullable Factory<? extends CacheLoader<K, V>> factory) {
      @SuppressWarnings("unchecked")
      Factory<CacheLoader<K, V>> f = (Factory<CacheLoader<K, V>>) factory;
      this.loaderFactory = f;
      return this;
    }

    /** Sets the writer factory used for write-through. */
    public Builder<K, V> cacheWriterFactory(
        @Nullable Factory<? extends CacheWriter<? super K, ? super V>> factory) {
      @SuppressWarnings("unchecked")
      Factory<CacheWriter<? super K, ? super V>> f = (Factory<CacheWriter<? super K, ? super V>>) factory;
      this.writerFactory = f;
      return this;
    }

    /** Adds an entry listener configuration. */
    public Builder<K, V> addListener(CacheEntryListenerConfiguration<K, V> listener) {
      listenerConfigurations.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Replaces the entry listener configurations. */
    public Builder<K, V> listeners(List<CacheEntryListenerConfiguration<K, V>> listeners) {
      listenerConfigurations.clear();
      listenerConfigurations.addAll(listeners);
      return this;
    }

    /** Sets whether a miss calls the loader. */
    public Builder<K, V> readThrough(boolean readThrough) {
      this.readThrough = readThrough;
      return this;
    }

    /** Sets whether writes call the writer. */
    public Builder<K, V> writeThrough(boolean writeThrough) {
      this.writeThrough = writeThrough;
      return this;
    }

    /** Sets whether JCache statistics are recorded and published in JMX. */
    public Builder<K, V> statisticsEnabled(boolean enabled) {
      this.statisticsEnabled = enabled;
      return this;
    }

    /** Sets whether the configuration MXBean is published in JMX. */
    public Builder<K, V> managementEnabled(boolean enabled) {
      this.managementEnabled = enabled;
      return this;
    }

    /**
     * Sets store-by-value (the default) or by reference. Redis always holds copies; whether a RedisCache
     * accepts store-by-reference is the cache manager's decision, not this builder's.
     */
    public Builder<K, V> storeByValue(boolean storeByValue) {
      this.storeByValue = storeByValue;
      return this;
    }

    /** Sets the clock, for tests that move time by hand. */
    public Builder<K, V> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalArgumentException if {@code retry_backoff_max} is less than {@code retry_backoff_base}
     */
    public RedisCacheConfiguration<K, V> build() {
      if (retryBackoffMax.compareTo(retryBackoffBase) < 0) {
        throw new IllegalArgumentException(
            "retry_backoff_max must be >= retry_backoff_base (" + retryBackoffBase + "), but was "
                + retryBackoffMax);
      }
      return new RedisCacheConfiguration<>(this);
    }

    private static Duration positive(String parameter, Duration d) {
      Objects.requireNonNull(d, parameter);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(parameter + " must be > 0, but was " + d);
      }
      return d;
    }

    private static String allowedName(String name) {
      Objects.requireNonNull(name, "allowed_packages entry");
      if (!isQualifiedName(name, /* packageRequired= */ false)) {
        throw new IllegalArgumentException(
            "allowed_packages entries must be package prefixes or class names such as com.example or"
                + " com.example.Money, without wildcards, but was '" + name + "'");
      }
      return name;
    }

    /** Returns whether the name is a dotted sequence of Java identifiers, with a package if required. */
    private static boolean isQualifiedName(String name, boolean packageRequired) {
      String[] parts = name.split("\\.", -1);
      if (packageRequired && parts.length < 2) {
        return false;
      }
      for (String part : parts) {
        if (part.isEmpty()
            || !Character.isJavaIdentifierStart(part.codePointAt(0))
            || !part.codePoints()
                .allMatch(c -> Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c))) {
          return false;
        }
      }
      return true;
    }
  }
}
