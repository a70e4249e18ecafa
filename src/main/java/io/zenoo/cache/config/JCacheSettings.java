package io.zenoo.cache.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
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
 * The JCache half of a cache configuration, shared by {@link MemoryCacheConfiguration} and
 * {@link RedisCacheConfiguration}: key and value types, expiry policy, entry listeners, loader and writer
 * with read- and write-through, statistics, management and store-by-value, with JCache's defaults (eternal,
 * store-by-value, everything else off).
 *
 * <p>Immutable and thread safe; build one with {@link Builder}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class JCacheSettings<K, V> implements Serializable {

  private static final long serialVersionUID = 1L;

  final Class<K> keyType;
  final Class<V> valueType;
  final List<CacheEntryListenerConfiguration<K, V>> listeners;
  final @Nullable Factory<CacheLoader<K, V>> loaderFactory;
  final @Nullable Factory<CacheWriter<? super K, ? super V>> writerFactory;
  final Factory<ExpiryPolicy> expiryPolicyFactory;
  final boolean readThrough;
  final boolean writeThrough;
  final boolean statisticsEnabled;
  final boolean managementEnabled;
  final boolean storeByValue;

  private JCacheSettings(Builder<K, V> b) {
    this.keyType = b.keyType;
    this.valueType = b.valueType;
    this.listeners = Collections.unmodifiableList(new ArrayList<>(b.listeners));
    this.loaderFactory = b.loaderFactory;
    this.writerFactory = b.writerFactory;
    this.expiryPolicyFactory = b.expiryPolicyFactory;
    this.readThrough = b.readThrough;
    this.writeThrough = b.writeThrough;
    this.statisticsEnabled = b.statisticsEnabled;
    this.managementEnabled = b.managementEnabled;
    this.storeByValue = b.storeByValue;
  }

  Builder<K, V> toBuilder() {
    Builder<K, V> b = new Builder<>(keyType, valueType);
    b.listeners.addAll(listeners);
    b.loaderFactory = loaderFactory;
    b.writerFactory = writerFactory;
    b.expiryPolicyFactory = expiryPolicyFactory;
    b.readThrough = readThrough;
    b.writeThrough = writeThrough;
    b.statisticsEnabled = statisticsEnabled;
    b.managementEnabled = managementEnabled;
    b.storeByValue = storeByValue;
    return b;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof JCacheSettings<?, ?> that
        && keyType == that.keyType
        && valueType == that.valueType
        && listeners.equals(that.listeners)
        && Objects.equals(loaderFactory, that.loaderFactory)
        && Objects.equals(writerFactory, that.writerFactory)
        && expiryPolicyFactory.equals(that.expiryPolicyFactory)
        && readThrough == that.readThrough
        && writeThrough == that.writeThrough
        && statisticsEnabled == that.statisticsEnabled
        && managementEnabled == that.managementEnabled
        && storeByValue == that.storeByValue;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyType, valueType, storeByValue, readThrough, writeThrough);
  }

  /** Appends the JCache settings to a configuration's {@code toString()}. */
  void appendTo(StringBuilder s) {
    s.append(", storeByValue=").append(storeByValue)
        .append(", readThrough=").append(readThrough)
        .append(", writeThrough=").append(writeThrough)
        .append(", statistics=").append(statisticsEnabled)
        .append(", management=").append(managementEnabled);
  }

  /** The mutable half of a configuration builder that holds the JCache settings. */
  static final class Builder<K, V> {
    final Class<K> keyType;
    final Class<V> valueType;
    final List<CacheEntryListenerConfiguration<K, V>> listeners = new ArrayList<>();
    @Nullable Factory<CacheLoader<K, V>> loaderFactory;
    @Nullable Factory<CacheWriter<? super K, ? super V>> writerFactory;
    Factory<ExpiryPolicy> expiryPolicyFactory = EternalExpiryPolicy.factoryOf();
    boolean readThrough;
    boolean writeThrough;
    boolean statisticsEnabled;
    boolean managementEnabled;
    boolean storeByValue = true;

    Builder(Class<K> keyType, Class<V> valueType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    /** Copies the JCache settings of any configuration (all of them from a complete one). */
    void copy(Configuration<K, V> configuration) {
      storeByValue = configuration.isStoreByValue();
      if (configuration instanceof CompleteConfiguration<K, V> complete) {
        listeners.clear();
        for (CacheEntryListenerConfiguration<K, V> l : complete.getCacheEntryListenerConfigurations()) {
          listeners.add(l);
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
    }

    @SuppressWarnings("unchecked")
    void expiry(Factory<? extends ExpiryPolicy> factory) {
      expiryPolicyFactory = (Factory<ExpiryPolicy>) Objects.requireNonNull(factory, "expiryPolicyFactory");
    }

    @SuppressWarnings("unchecked")
    void loader(@Nullable Factory<? extends CacheLoader<K, V>> factory) {
      loaderFactory = (Factory<CacheLoader<K, V>>) factory;
    }

    @SuppressWarnings("unchecked")
    void writer(@Nullable Factory<? extends CacheWriter<? super K, ? super V>> factory) {
      writerFactory = (Factory<CacheWriter<? super K, ? super V>>) factory;
    }

    void replaceListeners(List<CacheEntryListenerConfiguration<K, V>> replacement) {
      listeners.clear();
      listeners.addAll(replacement);
    }

    JCacheSettings<K, V> build() {
      return new JCacheSettings<>(this);
    }
  }
}
