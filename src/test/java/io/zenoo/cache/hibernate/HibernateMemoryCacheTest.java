package io.zenoo.cache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link HibernateSecondLevelCacheContract} on the provider's embedded default (no
 * {@code hibernate.javax.cache.uri}): MemoryCache regions.
 */
class HibernateMemoryCacheTest extends HibernateSecondLevelCacheContract {

  @Override
  Map<String, Object> backendSettings() {
    return Map.of();
  }

  @Override
  String expectedBackend() {
    return "memory";
  }

  /** Regions created from a bare MutableConfiguration get our bounded default, never an unbounded store. */
  @Test
  void regionsCreatedByHibernate_areBoundedByTheDefaultMaxSize() {
    titlesOfAuthor(sessionFactory(), 1L);

    @SuppressWarnings("unchecked")
    ZenooCache<Object, Object> region = cacheManager().getCache(AUTHOR_REGION).unwrap(ZenooCache.class);
    assertThat(region.stats().asMap()).containsEntry("max_size", MemoryCacheConfiguration.DEFAULT_MAX_SIZE);
  }
}
