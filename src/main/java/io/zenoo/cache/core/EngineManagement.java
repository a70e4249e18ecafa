package io.zenoo.cache.core;

import io.zenoo.cache.management.BackendStatistics;
import io.zenoo.cache.management.CacheConfigurationBean;
import io.zenoo.cache.management.CacheStatistics;
import io.zenoo.cache.management.JmxRegistration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;

/**
 * The JMX side of a cache: its three MXBeans (configuration, JCache statistics, backend statistics), turning
 * them on and off, and the configuration as it is now, which the configuration MXBean and
 * {@code getConfiguration} report.
 *
 * <p>The management flag is volatile, so a configuration snapshot taken on any thread sees the last
 * change; registering and unregistering are {@link JmxRegistration}'s.
 */
final class EngineManagement<K, V> {

  private final CacheEngine<K, V> engine;
  private final CacheOwner owner;
  private final String name;
  private final CacheStatistics statistics;
  private final BackendStatistics backendStatistics;
  private volatile boolean managementEnabled;

  EngineManagement(CacheEngine<K, V> engine, CacheOwner owner, String name, boolean managementEnabled) {
    this.engine = engine;
    this.owner = owner;
    this.name = name;
    this.statistics = engine.statistics();
    this.backendStatistics = new BackendStatistics(() -> engine.stats().asMap());
    this.managementEnabled = managementEnabled;
  }

  /** Registers the MXBeans the configuration asks for; see {@link CacheEngine#registerManagement()}. */
  void register() {
    if (managementEnabled) {
      registerConfiguration();
    }
    if (statistics.isEnabled()) {
      registerStatistics();
    }
  }

  /** Turns JCache statistics and their MXBeans on or off. */
  void setStatisticsEnabled(boolean enabled) {
    statistics.setEnabled(enabled);
    if (enabled) {
      registerStatistics();
    } else {
      JmxRegistration.unregister(owner.jmxUri(), name, JmxRegistration.Type.STATISTICS);
      JmxRegistration.unregister(owner.jmxUri(), name, JmxRegistration.Type.BACKEND);
    }
  }

  /** Turns the configuration MXBean on or off. */
  void setManagementEnabled(boolean enabled) {
    managementEnabled = enabled;
    if (enabled) {
      registerConfiguration();
    } else {
      JmxRegistration.unregister(owner.jmxUri(), name, JmxRegistration.Type.CONFIGURATION);
    }
  }

  /** Returns the configuration as it is now: the backend's snapshot with the listeners and flags of now. */
  CompleteConfiguration<K, V> currentConfiguration() {
    return engine.snapshotConfiguration(
        engine.dispatcher().configurations(), statistics.isEnabled(), managementEnabled);
  }

  /**
   * Returns the configuration as it is now, as the given type.
   *
   * @throws IllegalArgumentException if the configuration is not of that type
   */
  <C extends Configuration<K, V>> C configuration(Class<C> clazz) {
    CompleteConfiguration<K, V> current = currentConfiguration();
    if (clazz.isInstance(current)) {
      return clazz.cast(current);
    }
    throw new IllegalArgumentException(
        "The configuration of cache " + name + " is a " + current.getClass().getName() + ", not a "
            + clazz.getName());
  }

  /** Unregisters all three MXBeans; called when the cache closes. */
  void unregisterAll() {
    JmxRegistration.unregister(owner.jmxUri(), name, JmxRegistration.Type.CONFIGURATION);
    JmxRegistration.unregister(owner.jmxUri(), name, JmxRegistration.Type.STATISTICS);
    JmxRegistration.unregister(owner.jmxUri(), name, JmxRegistration.Type.BACKEND);
  }

  private void registerConfiguration() {
    JmxRegistration.register(
        new CacheConfigurationBean(this::currentConfiguration), owner.jmxUri(), name,
        JmxRegistration.Type.CONFIGURATION);
  }

  private void registerStatistics() {
    JmxRegistration.register(statistics, owner.jmxUri(), name, JmxRegistration.Type.STATISTICS);
    JmxRegistration.register(backendStatistics, owner.jmxUri(), name, JmxRegistration.Type.BACKEND);
  }
}
