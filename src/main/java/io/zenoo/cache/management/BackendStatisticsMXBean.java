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

  /** Returns every statistic of the backend by its seed name, rendered as text. */
  Map<String, String> getStatistics();
}
