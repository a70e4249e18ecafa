package io.zenoo.cache.config;

import io.zenoo.cache.store.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.jspecify.annotations.Nullable;

/**
 * The complete, immutable configuration of a MemoryCache: the JCache settings plus {@code max_size},
 * {@code default_ttl} and {@code cleanup_interval}. Build one with {@link #builder(Class, Class)}; any other
 * JCache {@link Configuration} becomes one through {@link #from(Configuration)}, which fills in the defaults.
 *
 * <p>{@code default_ttl} is a shorthand for a {@link CreatedExpiryPolicy} of that duration; an expiry policy
 * set explicitly takes precedence over it only when it is set after it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class MemoryCacheConfiguration<K, V> implements CompleteConfiguration<K, V> {

  private static final long serialVersionUID = 1L;

  /** The default entry bound. */
  public static final long DEFAULT_MAX_SIZE = (Long) Objects.requireNonNull(Parameter.MAX_SIZE.defaultValue());
  /** The default period of the background sweep of expired entries. */
  public static final Duration DEFAULT_CLEANUP_INTERVAL =
      (Duration) Objects.requireNonNull(Parameter.CLEANUP_INTERVAL.defaultValue());

  /** The parameters a MemoryCache takes, in declaration order. */
  private static final Set<Parameter> PARAMETERS = Parameter.memory();

  private final JCacheSettings<K, V> jcache;
  private final ParameterValues parameters;
  private final transient @Nullable Clock clock;

  private MemoryCacheConfiguration(Builder<K, V> b) {
    this.jcache = b.jcache.build();
    this.parameters = new ParameterValues(b.parameters);
    this.clock = b.clock;
  }

  /** Returns a builder for a cache of the given key and value types, with every default. */
  public static <K, V> Builder<K, V> builder(Class<K> keyType, Class<V> valueType) {
    return new Builder<>(new JCacheSettings.Builder<>(keyType, valueType));
  }

  /**
   * Returns the configuration as a MemoryCacheConfiguration: itself if it is one, otherwise its JCache
   * settings (those of a {@link CompleteConfiguration}, or only types and store-by-value of a plain
   * {@link Configuration}) with the MemoryCache defaults.
   */
  @SuppressWarnings("unchecked")
  public static <K, V> MemoryCacheConfiguration<K, V> from(Configuration<K, V> configuration) {
    if (configuration instanceof MemoryCacheConfiguration<?, ?> memory) {
      return (MemoryCacheConfiguration<K, V>) memory;
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
   * Returns the names of the parameters this configuration sets explicitly, in declaration order. Only
   * these override the cache manager's parameters when the configuration is given to {@code createCache}.
   */
  public Set<String> explicitParameters() {
    Set<String> names = new LinkedHashSet<>();
    for (Parameter p : parameters.explicit()) {
      names.add(p.key());
    }
    return names;
  }

  /** Returns the entry bound ({@code max_size}). */
  public long getMaxSize() {
    return parameters.<Long>require(Parameter.MAX_SIZE);
  }

  /** Returns the default time to live ({@code default_ttl}), or null when entries live until evicted. */
  public @Nullable Duration getDefaultTtl() {
    return (Duration) parameters.get(Parameter.DEFAULT_TTL);
  }

  /** Returns the period of the background sweep of expired entries ({@code cleanup_interval}). */
  public Duration getCleanupInterval() {
    return parameters.require(Parameter.CLEANUP_INTERVAL);
  }

  /** Returns the clock of this cache: the system clock unless a test set another. */
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
    return o instanceof MemoryCacheConfiguration<?, ?> that
        && jcache.equals(that.jcache)
        && parameters.sameValues(that.parameters, PARAMETERS);
  }

  @Override
  public int hashCode() {
    return 31 * jcache.hashCode() + parameters.hash(PARAMETERS);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("MemoryCacheConfiguration[keyType=").append(jcache.keyType.getName())
        .append(", valueType=").append(jcache.valueType.getName());
    parameters.appendTo(s, PARAMETERS);
    jcache.appendTo(s);
    return s.append(']').toString();
  }

  /**
   * Builds a {@link MemoryCacheConfiguration}; every setter validates its argument against its
   * {@link Parameter} declaration.
   *
   * @param <K> the key type
   * @param <V> the value type
   */
  public static final class Builder<K, V> {
    private final JCacheSettings.Builder<K, V> jcache;
    private final ParameterValues parameters = new ParameterValues();
    private @Nullable Clock clock;

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
     * defaults), leaving the JCache settings (the expiry policy too) as they are: a programmatic
     * configuration given to {@code createCache} overrides the manager's parameters this way.
     */
    public Builder<K, V> explicitParametersOf(MemoryCacheConfiguration<?, ?> other) {
      parameters.putAll(other.parameters);
      return this;
    }

    /** Sets one parameter from its text, as Properties or a file spell it. */
    Builder<K, V> parse(Parameter p, String text) {
      if (!p.forMemory()) {
        throw new IllegalArgumentException(p.key() + " is not a MemoryCache parameter");
      }
      Object value = p.parse(text);
      if (p == Parameter.DEFAULT_TTL) {
        return defaultTtl((Duration) value);
      }
      parameters.put(p, value);
      return this;
    }

    /** Sets the entry bound; least recently used entries are evicted beyond it. */
    public Builder<K, V> maxSize(long maxSize) {
      parameters.put(Parameter.MAX_SIZE, maxSize);
      return this;
    }

    /**
     * Sets the default time to live as a created-expiry policy, or with null, removes it (entries never
     * expire).
     */
    public Builder<K, V> defaultTtl(@Nullable Duration ttl) {
      parameters.put(Parameter.DEFAULT_TTL, ttl);
      jcache.expiry(ExpirySetting.created(ttl));
      return this;
    }

    /** Sets the period of the background sweep of expired entries. */
    public Builder<K, V> cleanupInterval(Duration interval) {
      parameters.put(Parameter.CLEANUP_INTERVAL, interval);
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

    /** Sets store-by-value (the default, callers never share objects with the cache) or by reference. */
    public Builder<K, V> storeByValue(boolean storeByValue) {
      jcache.storeByValue = storeByValue;
      return this;
    }

    /** Sets the clock, for tests that move time by hand. */
    public Builder<K, V> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Returns the configuration. */
    public MemoryCacheConfiguration<K, V> build() {
      return new MemoryCacheConfiguration<>(this);
    }
  }
}
