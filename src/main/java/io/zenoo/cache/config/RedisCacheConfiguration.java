package io.zenoo.cache.config;

import io.zenoo.cache.store.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
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
  public static final String DEFAULT_URL = (String) def(Parameter.URL);
  /** The default key prefix: keys are {@code namespace:cacheName:key}. */
  public static final String DEFAULT_NAMESPACE = (String) def(Parameter.NAMESPACE);
  /** The JSON codec (Jackson), the default serializer. */
  public static final String SERIALIZER_JSON = "json";
  /** JDK serialization behind an allow-list; {@code pickle} is accepted as its alias. */
  public static final String SERIALIZER_JAVA = "java";
  /** The default serializer. */
  public static final String DEFAULT_SERIALIZER = (String) def(Parameter.SERIALIZER);
  /** The default upper bound of TCP connections to one server. */
  public static final int DEFAULT_MAX_CONNECTIONS = (Integer) def(Parameter.MAX_CONNECTIONS);
  /** The default number of attempts in total (the first one included) after a connection error or timeout. */
  public static final int DEFAULT_RETRY_ATTEMPTS = (Integer) def(Parameter.RETRY_ATTEMPTS);
  /** The default delay before the second attempt, doubled for each further one. */
  public static final Duration DEFAULT_RETRY_BACKOFF_BASE = (Duration) def(Parameter.RETRY_BACKOFF_BASE);
  /** The default cap of the retry and reconnection delay. */
  public static final Duration DEFAULT_RETRY_BACKOFF_MAX = (Duration) def(Parameter.RETRY_BACKOFF_MAX);
  /** The default period of the health check PING. */
  public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = (Duration) def(Parameter.HEALTH_CHECK_INTERVAL);
  /** The default number of consecutive failures that opens the circuit. */
  public static final int DEFAULT_CIRCUIT_BREAKER_THRESHOLD = (Integer) def(Parameter.CIRCUIT_BREAKER_THRESHOLD);
  /** The default time the circuit stays open before probing. */
  public static final Duration DEFAULT_CIRCUIT_BREAKER_TIMEOUT = (Duration) def(Parameter.CIRCUIT_BREAKER_TIMEOUT);
  /** The default timeout of one command. */
  public static final Duration DEFAULT_SOCKET_TIMEOUT = (Duration) def(Parameter.SOCKET_TIMEOUT);
  /** The default timeout of one connection attempt. */
  public static final Duration DEFAULT_SOCKET_CONNECT_TIMEOUT = (Duration) def(Parameter.SOCKET_CONNECT_TIMEOUT);
  /** Whether an in-memory fallback serves while Redis is unusable, by default. */
  public static final boolean DEFAULT_ENABLE_FALLBACK = (Boolean) def(Parameter.ENABLE_FALLBACK);
  /** Default {@code fallback_max_size}: entries the in-memory fallback holds while Redis is unusable. */
  public static final long DEFAULT_FALLBACK_MAX_SIZE = (Long) def(Parameter.FALLBACK_MAX_SIZE);
  /** {@code fallback_reconcile} value: delete the keys written during the outage in Redis on recovery. */
  public static final String RECONCILE_INVALIDATE = "invalidate";
  /** {@code fallback_reconcile} value: write the fallback's values back to Redis on recovery. */
  public static final String RECONCILE_REPLAY = "replay";
  /** Default {@code fallback_reconcile}. */
  public static final String DEFAULT_FALLBACK_RECONCILE = (String) def(Parameter.FALLBACK_RECONCILE);
  /** The default allow-list beyond the declared types: empty. */
  public static final List<String> DEFAULT_ALLOWED_PACKAGES = List.of();

  /** The parameters a RedisCache takes, in declaration order. */
  private static final Set<Parameter> PARAMETERS = Parameter.redis();

  private final JCacheSettings<K, V> jcache;
  private final ParameterValues parameters;
  private final transient @Nullable Clock clock;

  private RedisCacheConfiguration(Builder<K, V> b) {
    this.jcache = b.jcache.build();
    this.parameters = new ParameterValues(b.parameters);
    this.clock = b.clock;
  }

  private static Object def(Parameter p) {
    return Objects.requireNonNull(p.defaultValue(), p.key());
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

  /** Returns a builder holding this configuration's settings; what this one set explicitly stays explicit. */
  public Builder<K, V> toBuilder() {
    Builder<K, V> b = new Builder<>(jcache.toBuilder());
    b.parameters.putAll(parameters);
    b.clock = clock;
    return b;
  }

  /**
   * Returns the names of the parameters this configuration sets explicitly (by a builder setter,
   * {@code Properties}, a URI or a file), in declaration order. Only these override the cache manager's
   * parameters when the configuration is given to {@code createCache}.
   */
  public Set<String> explicitParameters() {
    Set<String> names = new LinkedHashSet<>();
    for (Parameter p : parameters.explicit()) {
      names.add(p.key());
    }
    return names;
  }

  /** Returns whether the parameter of that name is set explicitly. */
  boolean isSet(Parameter p) {
    return parameters.isSet(p);
  }

  /**
   * Returns the server URL ({@code url}) as given, credentials included, for the Redis client only; show
   * it through {@link RedisUris#mask(String)}.
   */
  public String getUrl() {
    return parameters.require(Parameter.URL);
  }

  /** Returns the default time to live ({@code default_ttl}), or null when the expiry policy decides alone. */
  public @Nullable Duration getDefaultTtl() {
    return (Duration) parameters.get(Parameter.DEFAULT_TTL);
  }

  /** Returns the key prefix ({@code namespace}): keys are {@code namespace:cacheName:key}. */
  public String getNamespace() {
    return parameters.require(Parameter.NAMESPACE);
  }

  /**
   * Returns the serializer ({@code serializer}): {@value #SERIALIZER_JSON}, {@value #SERIALIZER_JAVA}
   * ({@code pickle} is stored as {@code java}), or the fully qualified class name of a codec.
   */
  public String getSerializer() {
    return parameters.require(Parameter.SERIALIZER);
  }

  /** Returns the upper bound of TCP connections to one server ({@code max_connections}). */
  public int getMaxConnections() {
    return parameters.<Integer>require(Parameter.MAX_CONNECTIONS);
  }

  /** Returns the number of attempts in total, the first one included ({@code retry_attempts}). */
  public int getRetryAttempts() {
    return parameters.<Integer>require(Parameter.RETRY_ATTEMPTS);
  }

  /** Returns the delay before the second attempt ({@code retry_backoff_base}). */
  public Duration getRetryBackoffBase() {
    return parameters.require(Parameter.RETRY_BACKOFF_BASE);
  }

  /** Returns the cap of the retry and reconnection delay ({@code retry_backoff_max}). */
  public Duration getRetryBackoffMax() {
    return parameters.require(Parameter.RETRY_BACKOFF_MAX);
  }

  /** Returns the period of the health check PING ({@code health_check_interval}). */
  public Duration getHealthCheckInterval() {
    return parameters.require(Parameter.HEALTH_CHECK_INTERVAL);
  }

  /** Returns the number of consecutive failures that opens the circuit ({@code circuit_breaker_threshold}). */
  public int getCircuitBreakerThreshold() {
    return parameters.<Integer>require(Parameter.CIRCUIT_BREAKER_THRESHOLD);
  }

  /** Returns the time the circuit stays open before probing ({@code circuit_breaker_timeout}). */
  public Duration getCircuitBreakerTimeout() {
    return parameters.require(Parameter.CIRCUIT_BREAKER_TIMEOUT);
  }

  /** Returns the timeout of one command ({@code socket_timeout}). */
  public Duration getSocketTimeout() {
    return parameters.require(Parameter.SOCKET_TIMEOUT);
  }

  /** Returns the timeout of one connection attempt ({@code socket_connect_timeout}). */
  public Duration getSocketConnectTimeout() {
    return parameters.require(Parameter.SOCKET_CONNECT_TIMEOUT);
  }

  /** Returns whether an in-memory fallback serves while Redis is unusable ({@code enable_fallback}). */
  public boolean isFallbackEnabled() {
    return parameters.<Boolean>require(Parameter.ENABLE_FALLBACK);
  }

  /**
   * Returns whether {@code url} was given (to the builder, by Properties or a URI) rather than left at its
   * default: a configuration that names no server gets the server of the cache manager it is created in.
   */
  public boolean isUrlSet() {
    return parameters.isSet(Parameter.URL);
  }

  /** Returns the entry bound of the in-memory fallback ({@code fallback_max_size}). */
  public long getFallbackMaxSize() {
    return parameters.<Long>require(Parameter.FALLBACK_MAX_SIZE);
  }

  /**
   * Returns what recovery does with the keys written during an outage ({@code fallback_reconcile}):
   * {@value #RECONCILE_INVALIDATE} deletes them in Redis, {@value #RECONCILE_REPLAY} writes the fallback's
   * values back with their remaining time to live.
   */
  public String getFallbackReconcile() {
    return parameters.require(Parameter.FALLBACK_RECONCILE);
  }

  /**
   * Returns the package prefixes and class names the {@code java} and {@code json} codecs may instantiate
   * beyond the declared types ({@code allowed_packages}). An entry {@code e} admits the class named
   * {@code e} and every class whose name starts with {@code e + "."} or {@code e + "$"}.
   */
  public List<String> getAllowedPackages() {
    return parameters.require(Parameter.ALLOWED_PACKAGES);
  }

  /**
   * Returns the path of the truststore (PKCS12 or JKS) that {@code rediss://} connections verify the server
   * against ({@code ssl_truststore}), or null for the JVM's default trust.
   */
  public @Nullable String getSslTruststore() {
    return (String) parameters.get(Parameter.SSL_TRUSTSTORE);
  }

  /** Returns the truststore's password ({@code ssl_truststore_password}), or null; never printed. */
  public @Nullable String getSslTruststorePassword() {
    return (String) parameters.get(Parameter.SSL_TRUSTSTORE_PASSWORD);
  }

  /**
   * Returns the clock of this cache's expiry decisions, backoff, breaker and health-check timing: the
   * system clock unless a test set another.
   */
  public Clock getClock() {
    return clock == null ? Clock.system() : clock;
  }

  @Override
  public Class<K> getKeyType() {
    return jcache.keyType;
  }

  @Override
  public Class<V> getValueType() {
    return jcache.valueType;
  }

  @Override
  public boolean isReadThrough() {
    return jcache.readThrough;
  }

  @Override
  public boolean isWriteThrough() {
    return jcache.writeThrough;
  }

  @Override
  public boolean isStatisticsEnabled() {
    return jcache.statisticsEnabled;
  }

  @Override
  public boolean isManagementEnabled() {
    return jcache.managementEnabled;
  }

  @Override
  public Iterable<CacheEntryListenerConfiguration<K, V>> getCacheEntryListenerConfigurations() {
    return jcache.listeners;
  }

  @Override
  @SuppressWarnings("NullAway") // JCache returns null when no loader is configured
  public Factory<CacheLoader<K, V>> getCacheLoaderFactory() {
    return jcache.loaderFactory;
  }

  @Override
  @SuppressWarnings("NullAway")
  public Factory<CacheWriter<? super K, ? super V>> getCacheWriterFactory() {
    return jcache.writerFactory;
  }

  @Override
  public Factory<ExpiryPolicy> getExpiryPolicyFactory() {
    return jcache.expiryPolicyFactory;
  }

  @Override
  public boolean isStoreByValue() {
    return jcache.storeByValue;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RedisCacheConfiguration<?, ?> that
        && jcache.equals(that.jcache)
        && parameters.sameValues(that.parameters, PARAMETERS);
  }

  @Override
  public int hashCode() {
    return 31 * jcache.hashCode() + parameters.hash(PARAMETERS);
  }

  /** Returns every setting; the URL masked, the truststore password replaced. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("RedisCacheConfiguration[keyType=").append(jcache.keyType.getName())
        .append(", valueType=").append(jcache.valueType.getName());
    parameters.appendTo(s, PARAMETERS);
    jcache.appendTo(s);
    return s.append(']').toString();
  }

  /**
   * Builds a {@link RedisCacheConfiguration}; every setter validates its argument against its
   * {@link Parameter} declaration, {@link #build()} the relation between {@code retry_backoff_base} and
   * {@code retry_backoff_max}.
   *
   * @param <K> the key type
   * @param <V> the value type
   */
  public static final class Builder<K, V> {
    private final JCacheSettings.Builder<K, V> jcache;
    private final ParameterValues parameters = new ParameterValues();
    private @Nullable Clock clock;

    private Builder(Class<K> keyType, Class<V> valueType) {
      this(new JCacheSettings.Builder<>(keyType, valueType));
    }

    private Builder(JCacheSettings.Builder<K, V> jcache) {
      this.jcache = jcache;
    }

    /** Copies the JCache settings of any configuration (all of them from a complete one). */
    public Builder<K, V> jcacheSettings(Configuration<K, V> configuration) {
      jcache.copy(configuration);
      return this;
    }

    /**
     * Sets, over this builder's, the parameters the other configuration sets explicitly (not its
     * defaults): a programmatic configuration given to {@code createCache} overrides the manager's
     * parameters this way, and only where it says something.
     */
    public Builder<K, V> explicitParametersOf(RedisCacheConfiguration<?, ?> other) {
      parameters.putAll(other.parameters);
      return this;
    }

    /** Sets one parameter from its text, as Properties, a URI query or a file spell it. */
    Builder<K, V> parse(Parameter p, String text) {
      if (!p.forRedis()) {
        throw new IllegalArgumentException(p.key() + " is not a RedisCache parameter");
      }
      Object value = p.parse(text);
      if (p == Parameter.DEFAULT_TTL) {
        return defaultTtl((Duration) value);
      }
      parameters.put(p, value);
      return this;
    }

    /**
     * Sets the default time to live as a created-expiry policy, or with null, removes it (entries never
     * expire): the shorthand a configuration file and Properties offer for the expiry policy.
     */
    public Builder<K, V> defaultTtl(@Nullable Duration ttl) {
      parameters.put(Parameter.DEFAULT_TTL, ttl);
      jcache.expiry(ExpirySetting.created(ttl));
      return this;
    }

    /**
     * Sets the server URL in Lettuce's syntax: {@code redis://[[user:]password@]host[:port][/database]},
     * {@code rediss://} for TLS, {@code redis-sentinel://[password@]host[:port][,host2[:port2]]...#master};
     * a comma-separated host list names Cluster seed nodes. Only the form is checked (scheme, a host,
     * {@link java.net.URI} syntax); messages show the URL masked.
     */
    public Builder<K, V> url(String url) {
      parameters.put(Parameter.URL, url);
      return this;
    }

    /**
     * Sets the key prefix: not empty, no whitespace or control characters, no {@code ':'} (it separates
     * namespace, cache name and key in {@code namespace:cacheName:key}, so a colon in the namespace would
     * let two namespaces share keys).
     */
    public Builder<K, V> namespace(String namespace) {
      parameters.put(Parameter.NAMESPACE, namespace);
      return this;
    }

    /**
     * Sets the serializer: {@code json}, {@code java}, {@code pickle} (an alias of {@code java}, stored as
     * {@code java}), in any case, or the fully qualified class name of a codec. Only the form of a class
     * name is checked here; the class is loaded when the cache is created.
     */
    public Builder<K, V> serializer(String serializer) {
      parameters.put(Parameter.SERIALIZER, serializer);
      return this;
    }

    /** Sets the upper bound of TCP connections this client opens to one server. */
    public Builder<K, V> maxConnections(int maxConnections) {
      parameters.put(Parameter.MAX_CONNECTIONS, maxConnections);
      return this;
    }

    /**
     * Sets the number of attempts in total, the first one included, for an operation that failed on a
     * connection error or timeout; 1 means no retry.
     */
    public Builder<K, V> retryAttempts(int retryAttempts) {
      parameters.put(Parameter.RETRY_ATTEMPTS, retryAttempts);
      return this;
    }

    /**
     * Sets the delay before the second attempt; attempt n waits min(max, base·2^(n-2)) with jitter. It must
     * not exceed {@code retry_backoff_max}, checked by {@link #build()}.
     */
    public Builder<K, V> retryBackoffBase(Duration base) {
      parameters.put(Parameter.RETRY_BACKOFF_BASE, base);
      return this;
    }

    /** Sets the cap of the retry and reconnection delay; at least {@code retry_backoff_base}. */
    public Builder<K, V> retryBackoffMax(Duration max) {
      parameters.put(Parameter.RETRY_BACKOFF_MAX, max);
      return this;
    }

    /** Sets the period of the health check PING. */
    public Builder<K, V> healthCheckInterval(Duration interval) {
      parameters.put(Parameter.HEALTH_CHECK_INTERVAL, interval);
      return this;
    }

    /** Sets the number of consecutive failures that opens the circuit; 0 turns the breaker off. */
    public Builder<K, V> circuitBreakerThreshold(int threshold) {
      parameters.put(Parameter.CIRCUIT_BREAKER_THRESHOLD, threshold);
      return this;
    }

    /** Sets the time the circuit stays open before it lets a probe through. */
    public Builder<K, V> circuitBreakerTimeout(Duration timeout) {
      parameters.put(Parameter.CIRCUIT_BREAKER_TIMEOUT, timeout);
      return this;
    }

    /** Sets the timeout of one command. */
    public Builder<K, V> socketTimeout(Duration timeout) {
      parameters.put(Parameter.SOCKET_TIMEOUT, timeout);
      return this;
    }

    /** Sets the timeout of one connection attempt. */
    public Builder<K, V> socketConnectTimeout(Duration timeout) {
      parameters.put(Parameter.SOCKET_CONNECT_TIMEOUT, timeout);
      return this;
    }

    /** Sets whether an in-memory fallback cache serves while Redis is unusable. */
    public Builder<K, V> enableFallback(boolean enableFallback) {
      parameters.put(Parameter.ENABLE_FALLBACK, enableFallback);
      return this;
    }

    /** Sets the entry bound of the in-memory fallback; least recently used entries go first. */
    public Builder<K, V> fallbackMaxSize(long maxSize) {
      parameters.put(Parameter.FALLBACK_MAX_SIZE, maxSize);
      return this;
    }

    /**
     * Sets what recovery does with the keys written during an outage: {@value #RECONCILE_INVALIDATE}
     * (delete them in Redis: the next read misses) or {@value #RECONCILE_REPLAY} (write the fallback's
     * values back with their remaining time to live).
     */
    public Builder<K, V> fallbackReconcile(String mode) {
      parameters.put(Parameter.FALLBACK_RECONCILE, Objects.requireNonNull(mode, "fallback_reconcile"));
      return this;
    }

    /**
     * Replaces the package prefixes and class names the codecs may instantiate beyond the declared types;
     * each is a dotted Java name such as {@code com.example} or {@code com.example.Money}, without
     * wildcards; a package needs two segments at least and must not be the JDK's. Duplicates are dropped,
     * order is kept.
     */
    public Builder<K, V> allowedPackages(Collection<String> packages) {
      parameters.put(Parameter.ALLOWED_PACKAGES, Objects.requireNonNull(packages, "allowed_packages"));
      return this;
    }

    /** Adds a package prefix or class name to {@link #allowedPackages(Collection)}. */
    public Builder<K, V> addAllowedPackage(String packageOrClass) {
      List<String> all = new ArrayList<>(parameters.<List<String>>require(Parameter.ALLOWED_PACKAGES));
      all.add(Objects.requireNonNull(packageOrClass, "allowed_packages entry"));
      return allowedPackages(all);
    }

    /**
     * Sets the truststore file (PKCS12 or JKS) that TLS connections verify the server against, or null
     * for the JVM's default trust.
     */
    public Builder<K, V> sslTruststore(@Nullable String path) {
      parameters.put(Parameter.SSL_TRUSTSTORE, path);
      return this;
    }

    /** Sets the truststore's password, or null for none. */
    public Builder<K, V> sslTruststorePassword(@Nullable String password) {
      parameters.put(Parameter.SSL_TRUSTSTORE_PASSWORD, password);
      return this;
    }

    /** Sets the expiry policy, replacing any {@link #defaultTtl}. */
    public Builder<K, V> expiryPolicyFactory(Factory<? extends ExpiryPolicy> factory) {
      jcache.expiry(factory);
      parameters.put(Parameter.DEFAULT_TTL, null);
      return this;
    }

    /** Sets the loader factory used for read-through and {@code loadAll}. */
    public Builder<K, V> cacheLoaderFactory(@Nullable Factory<? extends CacheLoader<K, V>> factory) {
      jcache.loader(factory);
      return this;
    }

    /** Sets the writer factory used for write-through. */
    public Builder<K, V> cacheWriterFactory(
        @Nullable Factory<? extends CacheWriter<? super K, ? super V>> factory) {
      jcache.writer(factory);
      return this;
    }

    /** Adds an entry listener configuration. */
    public Builder<K, V> addListener(CacheEntryListenerConfiguration<K, V> listener) {
      jcache.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Replaces the entry listener configurations. */
    public Builder<K, V> listeners(List<CacheEntryListenerConfiguration<K, V>> listeners) {
      jcache.replaceListeners(listeners);
      return this;
    }

    /** Sets whether a miss calls the loader. */
    public Builder<K, V> readThrough(boolean readThrough) {
      jcache.readThrough = readThrough;
      return this;
    }

    /** Sets whether writes call the writer. */
    public Builder<K, V> writeThrough(boolean writeThrough) {
      jcache.writeThrough = writeThrough;
      return this;
    }

    /** Sets whether JCache statistics are recorded and published in JMX. */
    public Builder<K, V> statisticsEnabled(boolean enabled) {
      jcache.statisticsEnabled = enabled;
      return this;
    }

    /** Sets whether the configuration MXBean is published in JMX. */
    public Builder<K, V> managementEnabled(boolean enabled) {
      jcache.managementEnabled = enabled;
      return this;
    }

    /**
     * Sets store-by-value (the default) or by reference. Redis always holds copies; whether a RedisCache
     * accepts store-by-reference is the cache manager's decision, not this builder's.
     */
    public Builder<K, V> storeByValue(boolean storeByValue) {
      jcache.storeByValue = storeByValue;
      return this;
    }

    /**
     * Sets the clock of the cache's expiry decisions and resilience timing, for tests that move time by
     * hand instead of waiting for it.
     */
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
      Duration base = parameters.require(Parameter.RETRY_BACKOFF_BASE);
      Duration max = parameters.require(Parameter.RETRY_BACKOFF_MAX);
      if (max.compareTo(base) < 0) {
        throw new IllegalArgumentException(
            "retry_backoff_max must be >= retry_backoff_base (" + base + "), but was " + max);
      }
      return new RedisCacheConfiguration<>(this);
    }
  }
}
