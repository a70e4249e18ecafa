package io.zenoo.cache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.jcache.ZenooCachingProvider;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link HibernateSecondLevelCacheContract} on RedisCache regions in a real {@code redis-server}.
 * Hibernate 7 resolves {@code hibernate.javax.cache.uri} as a resource (a {@code java.net.URL} or a class
 * path name) before it hands it to the provider, so a {@code redis://} URI cannot go there (see
 * {@link #hibernateJavaxCacheUri_redisUri_isRefusedByHibernateItself}); the server is chosen as for any
 * application that passes no URI: the provider's default URI, system property
 * {@value ZenooCachingProvider#URI_PROPERTY}. Hibernate's cache entries and keys are {@code Serializable}
 * classes of {@code org.hibernate}, so the URI asks for the {@code java} codec and allows that package; an
 * entity's disassembled state is a {@code Serializable[]}, which the default allow-list admits (its element
 * type is one of the JDK types it knows, and each element is checked). The entities' own package
 * is not needed: Hibernate caches their state, never the instances.
 */
class HibernateRedisCacheTest extends HibernateSecondLevelCacheContract {

  @RegisterExtension
  static final RedisExtension REDIS = RedisExtension.builder().flushAllBeforeEach(true).build();

  private static RedisServer server;

  @BeforeAll
  static void pointTheProviderAtTheServer(RedisServer redis) {
    server = redis;
    System.setProperty(ZenooCachingProvider.URI_PROPERTY, redisUri());
  }

  @AfterAll
  static void restoreTheDefault() {
    System.clearProperty(ZenooCachingProvider.URI_PROPERTY);
  }

  private static String redisUri() {
    return server.uri() + "/0?serializer=java&allowed_packages=org.hibernate";
  }

  @Override
  Map<String, Object> backendSettings() {
    return Map.of();
  }

  @Override
  String expectedBackend() {
    return "redis";
  }

  private static List<String> keysOfRegion(String region) {
    return server.scanKeys("zenoo:" + region + ":*");
  }

  @Test
  void regions_keepTheirEntriesInTheServer() {
    titlesOfAuthor(sessionFactory(), 1L);

    assertThat(keysOfRegion(AUTHOR_REGION)).hasSize(1);
    assertThat(keysOfRegion(NOVEL_REGION)).hasSize(3);
    assertThat(keysOfRegion(NOVELS_REGION)).hasSize(1);
  }

  /**
   * Documents why the Redis URI is not given as {@code hibernate.javax.cache.uri}: Hibernate looks it up
   * as a resource and fails before our provider sees it. A configuration-file URI ({@code classpath:} or
   * {@code file:}) is what that setting takes.
   */
  @Test
  void hibernateJavaxCacheUri_redisUri_isRefusedByHibernateItself() {
    Map<String, Object> settings = new HashMap<>(settings());
    settings.put("hibernate.javax.cache.uri", redisUri());

    assertThatThrownBy(() -> build(settings).close())
        .rootCause()
        .hasMessageContaining("Couldn't load URI from redis://");
  }

  /** Another application instance (its own session factory, cache manager and client) reads what this one cached. */
  @Test
  void secondSessionFactory_onTheSameServer_readsTheCachedEntitiesWithoutSql() {
    titlesOfAuthor(sessionFactory(), 1L);

    try (SessionFactory other = build(settings())) {
      // create-drop on the same database: the other factory's schema creation emptied it
      Statistics statistics = other.getStatistics();
      statistics.clear();

      assertThat(titlesOfAuthor(other, 1L))
          .containsExactly("The Dispossessed", "The Lathe of Heaven", "Always Coming Home");
      assertThat(statistics.getPrepareStatementCount()).as("JDBC statements").isZero();
      assertThat(statistics.getSecondLevelCacheHitCount()).isEqualTo(5);
    }
  }
}
