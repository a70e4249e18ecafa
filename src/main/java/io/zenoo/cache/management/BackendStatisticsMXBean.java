package io.zenoo.cache.management;

import java.util.Map;

/**
 * The backend statistics of a cache in JMX, beside the standard JCache MXBeans: the same figures as
 * {@code ZenooCache.stats()}, under {@code io.zenoo.cache:type=CacheBackendStatistics,CacheManager=…,Cache=…}.
 */
public interface BackendStatisticsMXBean {

  /** Returns the backend's name: {@code memory} or {@code redis}. */
  String getBackend();

  /** Returns the number of entries held now. */
  long getCurrentSize();

  /** Returns hits divided by reads since creation or the last statistics clear, 0 when nothing was read. */
  double getHitRate();

  /** Returns the estimated bytes held. */
  long getMemoryUsage();

  /** Returns whether the backend is usable now (always true in memory; Redis: connected, circuit not open). */
  boolean isConnected();

  /** Returns the circuit breaker's state: {@code closed}, {@code open} or {@code half_open}. */
  String getCircuitState();

  /** Returns how many times the circuit opened. */
  long getCircuitBreakerTrips();

  /** Returns how many operations the in-memory fallback served while the backend was unusable. */
  long getFallbackHits();

  /** Returns the round trips sent (or attempted) to the backend. */
  long getTotalOperations();

  /** Returns the round trips that failed on a connection error, a timeout or a server error. */
  long getConnectionErrors();

  /** Returns connection errors divided by total operations, 0 when there was none. */
  double getErrorRate();

  /** Returns every statistic of the backend by its seed name, rendered as text. */
  Map<String, String> getStatistics();
}
