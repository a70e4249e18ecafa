package io.zenoo.cache.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.jcache.ZenooCacheManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Spring Boot application ({@link BookApplication}) whose cache manager Spring Boot's JCache
 * auto-configuration builds from properties alone: {@code spring.cache.type=jcache},
 * {@code spring.cache.jcache.provider} naming our provider and {@code spring.cache.cache-names}. Without
 * {@code spring.cache.jcache.config} Spring Boot asks the provider for its default URI (a null URI), so
 * the backend is the one the provider's default names. Each subclass chooses it and says how to see an
 * entry in the backend itself.
 */
abstract class SpringBootCacheContract {

  private ConfigurableApplicationContext context;
  private BookService books;
  private Cache<Object, Object> jcache;

  /** Returns the backend name the caches must report in their stats. */
  abstract String expectedBackend();

  /**
   * Returns how the application names its caches: by default {@code spring.cache.cache-names=books}
   * (Spring Boot creates them); a configuration file that configures {@code books} replaces it.
   */
  List<String> cacheProperties() {
    return List.of("spring.cache.cache-names=books");
  }

  /** Returns the URI the provider's cache manager should have. */
  java.net.URI expectedManagerUri(javax.cache.CacheManager manager) {
    return manager.getCachingProvider().getDefaultURI();
  }

  /** Returns Spring properties beyond the JCache ones, as {@code key=value}. */
  List<String> extraProperties() {
    return List.of();
  }

  /** Returns whether the backend itself holds an entry for the key. */
  abstract boolean backendHolds(String key);

  /** Returns the application's cached service. */
  final BookService service() {
    return books;
  }

  /** Returns the JCache cache behind Spring's {@code books} cache. */
  final Cache<Object, Object> jcache() {
    return jcache;
  }

  @BeforeEach
  void startApplication() {
    List<String> properties = new ArrayList<>(List.of(
        "spring.cache.type=jcache",
        "spring.cache.jcache.provider=io.zenoo.cache.jcache.ZenooCachingProvider",
        "spring.main.log-startup-info=false"));
    properties.addAll(cacheProperties());
    properties.addAll(extraProperties());
    context = new SpringApplicationBuilder(BookApplication.class)
        .bannerMode(Banner.Mode.OFF)
        .web(WebApplicationType.NONE)
        .properties(properties.toArray(String[]::new))
        .run();
    books = context.getBean(BookService.class);
    javax.cache.CacheManager manager = context.getBean(javax.cache.CacheManager.class);
    jcache = manager.getCache("books");
    assertThat(jcache).as("the books cache Spring Boot created").isNotNull();
  }

  @AfterEach
  void closeApplication() {
    if (context != null) {
      context.close();
    }
  }

  private static String isbn() {
    return "978-" + UUID.randomUUID();
  }

  @Test
  void autoConfiguration_jcacheProperties_usesOurProviderOnTheDefaultUri() {
    CacheManager springManager = context.getBean(CacheManager.class);
    assertThat(springManager).isInstanceOf(JCacheCacheManager.class);
    javax.cache.CacheManager nativeManager = ((JCacheCacheManager) springManager).getCacheManager();
    assertThat(nativeManager).isInstanceOf(ZenooCacheManager.class);
    assertThat(nativeManager.getURI()).isEqualTo(expectedManagerUri(nativeManager));
    assertThat(springManager.getCacheNames()).containsExactly("books");
    @SuppressWarnings("unchecked")
    ZenooCache<Object, Object> zenoo = jcache.unwrap(ZenooCache.class);
    assertThat(zenoo.stats().asMap()).containsEntry("backend", expectedBackend());
  }

  @Test
  void cacheable_repeatedCalls_runTheMethodOnce() {
    String isbn = isbn();
    books.setTitleDirectly(isbn, "Dune");

    assertThat(books.find(isbn)).isEqualTo(new Book(isbn, "Dune"));
    books.setTitleDirectly(isbn, "changed behind the cache");
    assertThat(books.find(isbn)).isEqualTo(new Book(isbn, "Dune"));
    assertThat(books.find(isbn)).isEqualTo(new Book(isbn, "Dune"));

    assertThat(books.finds()).isEqualTo(1);
    assertThat(jcache.get(isbn)).isEqualTo(new Book(isbn, "Dune"));
    assertThat(backendHolds(isbn)).isTrue();
  }

  @Test
  void cachePut_replacesTheCachedValue_withoutRunningFind() {
    String isbn = isbn();
    books.setTitleDirectly(isbn, "first edition");
    books.find(isbn);

    assertThat(books.save(new Book(isbn, "second edition"))).isEqualTo(new Book(isbn, "second edition"));

    assertThat(books.find(isbn)).isEqualTo(new Book(isbn, "second edition"));
    assertThat(books.finds()).isEqualTo(1);
    assertThat(jcache.get(isbn)).isEqualTo(new Book(isbn, "second edition"));
  }

  @Test
  void cachePut_ofANewKey_createsTheEntry() {
    String isbn = isbn();

    books.save(new Book(isbn, "new"));

    assertThat(backendHolds(isbn)).isTrue();
    assertThat(books.find(isbn)).isEqualTo(new Book(isbn, "new"));
    assertThat(books.finds()).isZero();
  }

  @Test
  void cacheEvict_removesTheEntry_soTheNextCallRunsTheMethod() {
    String isbn = isbn();
    String other = isbn();
    books.setTitleDirectly(isbn, "Solaris");
    books.find(isbn);
    books.find(other);
    assertThat(backendHolds(isbn)).isTrue();

    books.delete(isbn);

    assertThat(jcache.containsKey(isbn)).isFalse();
    assertThat(backendHolds(isbn)).isFalse();
    assertThat(backendHolds(other)).as("evicting one key keeps the others").isTrue();
    assertThat(books.find(isbn)).isEqualTo(new Book(isbn, "unknown"));
    assertThat(books.finds()).isEqualTo(3);
  }
}
