package io.zenoo.cache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.jcache.ZenooCacheManager;
import io.zenoo.cache.jcache.ZenooCachingProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cache.jcache.internal.JCacheRegionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hibernate ORM's second-level cache ({@code hibernate-jcache}) over our provider, configured the way an
 * application does, by properties only: {@code hibernate.cache.region.factory_class=jcache},
 * {@code hibernate.javax.cache.provider} naming our provider, {@code hibernate.javax.cache.missing_cache_strategy=create}
 * (Hibernate creates every region with a bare {@code MutableConfiguration}), and for Redis
 * {@code hibernate.javax.cache.uri}. Entities ({@link Author}, {@link Novel}), a collection
 * ({@code Author.novels}) and the query cache are cached READ_WRITE; H2 in memory is the database.
 * Hibernate's {@link Statistics} tell cache hits and how many JDBC statements a session prepared.
 */
abstract class HibernateSecondLevelCacheContract {

  static final String AUTHOR_REGION = Author.class.getName();
  static final String NOVEL_REGION = Novel.class.getName();
  static final String NOVELS_REGION = Author.class.getName() + ".novels";
  static final String QUERY_REGION = "default-query-results-region";
  static final String TIMESTAMPS_REGION = "default-update-timestamps-region";

  private final String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private SessionFactory sessionFactory;
  private Statistics statistics;

  /** Returns the settings that choose the backend (none for the provider's default URI). */
  abstract Map<String, Object> backendSettings();

  /** Returns the backend name the regions' caches must report in their stats. */
  abstract String expectedBackend();

  /** Returns the Hibernate settings of a session factory on the test's database and backend. */
  final Map<String, Object> settings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("hibernate.connection.url", database);
    settings.put("hibernate.hbm2ddl.auto", "create-drop");
    settings.put("hibernate.cache.use_second_level_cache", "true");
    settings.put("hibernate.cache.use_query_cache", "true");
    settings.put("hibernate.cache.region.factory_class", "jcache");
    settings.put("hibernate.javax.cache.provider", ZenooCachingProvider.class.getName());
    settings.put("hibernate.javax.cache.missing_cache_strategy", "create");
    settings.put("hibernate.generate_statistics", "true");
    settings.putAll(backendSettings());
    return settings;
  }

  /** Builds a session factory from the settings, as {@code persistence.xml} properties would. */
  static SessionFactory build(Map<String, Object> settings) {
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
    return new MetadataSources(registry)
        .addAnnotatedClasses(Author.class, Novel.class)
        .buildMetadata()
        .buildSessionFactory();
  }

  @BeforeEach
  void createSessionFactoryAndData() {
    sessionFactory = build(settings());
    statistics = sessionFactory.getStatistics();
    sessionFactory.inTransaction(session -> {
      Author author = new Author(1L, "Ursula");
      author.write(10L, "The Dispossessed");
      author.write(11L, "The Lathe of Heaven");
      author.write(12L, "Always Coming Home");
      session.persist(author);
    });
  }

  @AfterEach
  void closeSessionFactory() {
    if (sessionFactory != null) {
      sessionFactory.close();
    }
  }

  final SessionFactory sessionFactory() {
    return sessionFactory;
  }

  /** Returns the JCache manager Hibernate's region factory got from our provider. */
  final CacheManager cacheManager() {
    return cacheManager(sessionFactory);
  }

  static CacheManager cacheManager(SessionFactory sessionFactory) {
    JCacheRegionFactory regionFactory = (JCacheRegionFactory)
        sessionFactory.unwrap(SessionFactoryImplementor.class).getCache().getRegionFactory();
    return regionFactory.getCacheManager();
  }

  /** Loads the author and its novels' titles in a new session. */
  static List<String> titlesOfAuthor(SessionFactory sessionFactory, long id) {
    return sessionFactory.fromTransaction(session ->
        session.find(Author.class, id).getNovels().stream().map(Novel::getTitle).toList());
  }

  /** Returns the entity read in a new session, or null. */
  private <T> T find(Class<T> type, long id) {
    return sessionFactory.fromTransaction(session -> session.find(type, id));
  }

  private static final Function<Session, List<Long>> NOVELS_TITLED_THE = session ->
      session.createSelectionQuery("select n from Novel n where n.title like :prefix order by n.id", Novel.class)
          .setParameter("prefix", "The %")
          .setCacheable(true)
          .getResultList()
          .stream()
          .map(Novel::getId)
          .toList();

  @Test
  void entityAndCollection_loadedInANewSession_comeFromTheCacheWithoutSql() {
    // the entities were cached at insert; the collection is cached by its first load
    assertThat(titlesOfAuthor(sessionFactory, 1L)).hasSize(3);
    statistics.clear();

    assertThat(titlesOfAuthor(sessionFactory, 1L))
        .containsExactly("The Dispossessed", "The Lathe of Heaven", "Always Coming Home");

    assertThat(statistics.getPrepareStatementCount()).as("JDBC statements").isZero();
    assertThat(statistics.getDomainDataRegionStatistics(AUTHOR_REGION).getHitCount()).isEqualTo(1);
    assertThat(statistics.getDomainDataRegionStatistics(NOVELS_REGION).getHitCount()).isEqualTo(1);
    assertThat(statistics.getDomainDataRegionStatistics(NOVEL_REGION).getHitCount()).isEqualTo(3);
    assertThat(statistics.getSecondLevelCacheMissCount()).isZero();
  }

  @Test
  void update_isSeenByTheNextSession_fromTheCache() {
    sessionFactory.inTransaction(session -> session.find(Author.class, 1L).setName("Ursula K. Le Guin"));
    statistics.clear();

    String name = sessionFactory.fromTransaction(session -> session.find(Author.class, 1L).getName());

    assertThat(name).isEqualTo("Ursula K. Le Guin");
    assertThat(statistics.getPrepareStatementCount()).as("JDBC statements").isZero();
    assertThat(statistics.getSecondLevelCacheHitCount()).isEqualTo(1);
  }

  @Test
  void delete_isSeenByTheNextSession() {
    titlesOfAuthor(sessionFactory, 1L); // caches the collection
    sessionFactory.inTransaction(session ->
        session.find(Author.class, 1L).getNovels().removeIf(novel -> novel.getId() == 11L)); // an orphan: deleted
    statistics.clear();

    assertThat(find(Novel.class, 11L)).isNull();
    assertThat(titlesOfAuthor(sessionFactory, 1L)).containsExactly("The Dispossessed", "Always Coming Home");

    sessionFactory.inTransaction(session -> session.remove(session.find(Author.class, 1L)));

    assertThat(find(Author.class, 1L)).isNull();
    assertThat(find(Novel.class, 10L)).isNull();
  }

  @Test
  void queryCache_secondRun_hitsWithoutSql_andAnUpdateOfTheTableInvalidatesIt() {
    assertThat(sessionFactory.fromTransaction(NOVELS_TITLED_THE)).containsExactly(10L, 11L);
    statistics.clear();

    assertThat(sessionFactory.fromTransaction(NOVELS_TITLED_THE)).containsExactly(10L, 11L);
    assertThat(statistics.getQueryCacheHitCount()).isEqualTo(1);
    assertThat(statistics.getPrepareStatementCount()).as("JDBC statements").isZero();

    sessionFactory.inTransaction(session -> session.find(Novel.class, 12L).setTitle("The Word for World Is Forest"));
    statistics.clear();

    assertThat(sessionFactory.fromTransaction(NOVELS_TITLED_THE)).containsExactly(10L, 11L, 12L);
    assertThat(statistics.getQueryCacheHitCount()).as("stale result not served").isZero();
    assertThat(statistics.getQueryCacheMissCount()).isEqualTo(1);
  }

  @Test
  void missingCacheStrategyCreate_createsEveryRegionAsOneOfOurCaches() {
    sessionFactory.fromTransaction(NOVELS_TITLED_THE);
    titlesOfAuthor(sessionFactory, 1L);

    CacheManager manager = cacheManager();
    assertThat(manager).isInstanceOf(ZenooCacheManager.class);
    assertThat(manager.getCacheNames())
        .contains(AUTHOR_REGION, NOVEL_REGION, NOVELS_REGION, QUERY_REGION, TIMESTAMPS_REGION);
    for (String region : List.of(AUTHOR_REGION, NOVEL_REGION, NOVELS_REGION, QUERY_REGION, TIMESTAMPS_REGION)) {
      Cache<Object, Object> cache = manager.getCache(region);
      @SuppressWarnings("unchecked")
      ZenooCache<Object, Object> zenoo = cache.unwrap(ZenooCache.class);
      assertThat(zenoo.stats().asMap()).as(region).containsEntry("backend", expectedBackend());
    }
  }
}
