package io.zenoo.cache.management;

import javax.cache.configuration.CompleteConfiguration;
import javax.cache.management.CacheMXBean;

/** The standard configuration MXBean of a cache, reading the cache's configuration as it is now. */
public final class CacheConfigurationBean implements CacheMXBean {

  /** Supplies the cache's current configuration. */
  @FunctionalInterface
  public interface ConfigurationSource {
    /** Returns the current configuration. */
    CompleteConfiguration<?, ?> configuration();
  }

  private final ConfigurationSource source;

  /** Creates a bean over a configuration source. */
  public CacheConfigurationBean(ConfigurationSource source) {
    this.source = source;
  }

  @Override
  public String getKeyType() {
    return source.configuration().getKeyType().getName();
  }

  @Override
  public String getValueType() {
    return source.configuration().getValueType().getName();
  }

  @Override
  public boolean isReadThrough() {
    return source.configuration().isReadThrough();
  }

  @Override
  public boolean isWriteThrough() {
    return source.configuration().isWriteThrough();
  }

  @Override
  public boolean isStoreByValue() {
    return source.configuration().isStoreByValue();
  }

  @Override
  public boolean isStatisticsEnabled() {
    return source.configuration().isStatisticsEnabled();
  }

  @Override
  public boolean isManagementEnabled() {
    return source.configuration().isManagementEnabled();
  }
}
