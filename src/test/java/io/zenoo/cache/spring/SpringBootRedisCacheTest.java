package io.zenoo.cache.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.jcache.ZenooCachingProvider;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SpringBootCacheContract} on RedisCache caches in a real {@code redis-server}. Spring Boot hands
 * the provider a null URI unless {@code spring.cache.jcache.config} names an existing resource, so the
 * server is chosen the way an operator would: the provider's default URI, system property
 * {@value ZenooCachingProvider#URI_PROPERTY}. The cached {@link Book} is a record of the application, so
 * the JSON codec needs its package allowed ({@code zenoo.cache.allowed_packages}).
 */
class SpringBootRedisCacheTest extends SpringBootCacheContract {

  @RegisterExtension
  static final RedisExtension REDIS = RedisExtension.builder().flushAllBeforeEach(true).build();

  private static final String ALLOWED_PACKAGES = ZenooCachingProvider.PROPERTY_PREFIX + "allowed_packages";

  private static RedisServer server;

  @BeforeAll
  static void pointTheProviderAtTheServer(RedisServer redis) {
    server = redis;
    System.setProperty(ZenooCachingProvider.URI_PROPERTY, redis.uri() + "/0");
    System.setProperty(ALLOWED_PACKAGES, Book.class.getPackageName());
  }

  @AfterAll
  static void restoreTheDefault() {
    System.clearProperty(ZenooCachingProvider.URI_PROPERTY);
    System.clearProperty(ALLOWED_PACKAGES);
  }

  @Override
  String expectedBackend() {
    return "redis";
  }

  /**
   * Returns whether the server has the entry, found by SCAN: Spring Boot creates its caches with the
   * bare {@code MutableConfiguration} (key type {@code Object}), so the key after {@code zenoo:books:} is
   * the JSON codec's encoding of the ISBN, which contains it.
   */
  @Override
  boolean backendHolds(String key) {
    return !redisKeys(key).isEmpty();
  }

  private static List<String> redisKeys(String key) {
    return server.scanKeys("zenoo:books:*" + key + "*");
  }

  @Test
  void cachePut_writesTheNewValueToTheServer() {
    BookService books = service();
    books.save(new Book("978-0441013593", "Dune Messiah"));

    List<String> keys = redisKeys("978-0441013593");
    assertThat(keys).singleElement().asString().startsWith("zenoo:books:");
    assertThat(server.command("GET", keys.get(0))).asString().contains("Dune Messiah");
    assertThat(server.command("TTL", keys.get(0))).as("eternal: no TTL").isEqualTo(-1L);
  }
}
