package io.zenoo.cache.config;

import io.zenoo.cache.store.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
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
  public static final long DEFAULT_MAX_SIZE = 1000;
  /** The default period of the background sweep of expired entries. */
  public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofSeconds(60);

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
  private final long maxSize;
  private final @Nullable Duration defaultTtl;
  private final Duration cleanupInterval;
  private final transient @Nullable Clock clock;

  private MemoryCacheConfiguration(Builder<K, V> b) {
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
    this.maxSize = b.maxSize;
    this.defaultTtl = b.defaultTtl;
    this.cleanupInterval = b.cleanupInterval;
    this.clock = b.clock;
  }

  /** Returns a builder for a cache of the given key and value types, with every default. */
  public static <K, V> Builder<K, V> builder(Class<K> keyType, Class<V> valueType) {
    return new Builder<>(keyType, valueType);
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

  /** Returns a builder holding this configuration's settings. */
  public Builder<K, V> toBuilder() {
    Builder<K, V> b = new Builder<>(keyType, valueType).jcacheSettings(this);
    b.maxSize = maxSize;
    b.defaultTtl = defaultTtl;
    b.cleanupInterval = cleanupInterval;
    b.clock = clock;
    return b;
  }

  /** Returns the entry bound ({@code max_size}). */
  public long getMaxSize() {
    return maxSize;
  }

  /** Returns the default time to live ({@code default_ttl}), or null when entries live until evicted. */
  public @Nullable Duration getDefaultTtl() {
    return defaultTtl;
  }

  /** Returns the period of the background sweep of expired entries ({@code cleanup_interval}). */
  public Duration getCleanupInterval() {
    return cleanupInterval;
  }

  /** Returns the clock of this cache: the system clock unless a test set another. */
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
    if (!(o instanceof MemoryCacheConfiguration<?, ?> that)) {
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
        && maxSize == that.maxSize
        && Objects.equals(defaultTtl, that.defaultTtl)
        && cleanupInterval.equals(that.cleanupInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyType, valueType, maxSize, defaultTtl, cleanupInterval, storeByValue);
  }

  @Override
  public String toString() {
    return "MemoryCacheConfiguration[keyType=" + keyType.getName() + ", valueType=" + valueType.getName()
        + ", max_size=" + maxSize + ", default_ttl=" + defaultTtl + ", cleanup_interval=" + cleanupInterval
        + ", storeByValue=" + storeByValue + ", readThrough=" + readThrough + ", writeThrough=" + writeThrough
        + ", statistics=" + statisticsEnabled + ", management=" + managementEnabled + "]";
  }

  /**
   * Builds a {@link MemoryCacheConfiguration}; every setter validates its argument.
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
    private long maxSize = DEFAULT_MAX_SIZE;
    private @Nullable Duration defaultTtl;
    private Duration cleanupInterval = DEFAULT_CLEANUP_INTERVAL;
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

    /** Sets the entry bound; least recently used entries are evicted beyond it. */
    public Builder<K, V> maxSize(long maxSize) {
      if (maxSize <= 0) {
        throw new IllegalArgumentException("max_size must be > 0, but was " + maxSize);
      }
      this.maxSize = maxSize;
      return this;
    }

    /**
     * Sets the default time to live as a created-expiry policy, or with null, removes it (entries never
     * expire).
     */
    public Builder<K, V> defaultTtl(@Nullable Duration ttl) {
      if (ttl == null) {
        this.defaultTtl = null;
        this.expiryPolicyFactory = EternalExpiryPolicy.factoryOf();
        return this;
      }
      if (ttl.isZero() || ttl.isNegative()) {
        throw new IllegalArgumentException("default_ttl must be positive, but was " + ttl);
      }
      this.defaultTtl = ttl;
      this.expiryPolicyFactory =
          // JCache durations count milliseconds at the finest; a sub-millisecond TTL rounds up to 1 ms
          CreatedExpiryPolicy.factoryOf(
              new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, Math.max(1, ttl.toMillis())));
      return this;
    }

    /** Sets the period of the background sweep of expired entries. */
    public Builder<K, V> cleanupInterval(Duration interval) {
      Objects.requireNonNull(interval, "cleanupInterval");
      if (interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("cleanup_interval must be positive, but was " + interval);
      }
      this.cleanupInterval = interval;
      return this;
    }

    /** Sets the expiry policy, replacing any {@link #defaultTtl}. */
    public Builder<K, V> expiryPolicyFactory(Factory<? extends ExpiryPolicy> factory) {
      @SuppressWarnings("unchecked")
      Factory<ExpiryPolicy> f = (Factory<ExpiryPolicy>) Objects.requireNonNull(factory, "expiryPolicyFactory");
      this.expiryPolicyFactory = f;
      this.defaultTtl = null;
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

    /** Sets store-by-value (the default, callers never share objects with the cache) or by reference. */
    public Builder<K, V> storeByValue(boolean storeByValue) {
      this.storeByValue = storeByValue;
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
