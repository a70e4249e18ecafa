package io.zenoo.cache.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SpringBootCacheContract} with the caches described by a zenoo configuration file handed over by
 * {@code spring.cache.jcache.config}: Spring Boot passes the resource's URI to our provider, the file makes
 * {@code books} a RedisCache on a real {@code redis-server} with a TTL and the application's package allowed,
 * and the application lists no cache names (the file's caches exist when the manager starts).
 */
class SpringBootConfigurationFileTest extends SpringBootCacheContract {

  @RegisterExtension
  static final RedisExtension REDIS = RedisExtension.builder().flushAllBeforeEach(true).build();

  @TempDir
  static Path directory;

  private static RedisServer server;
  private static Path file;

  @BeforeAll
  static void writeTheFile(RedisServer redis) {
    server = redis;
    file = directory.resolve("zenoo-cache.properties");
    try {
      Files.writeString(file, String.join("\n",
          "defaults.backend=redis",
          "defaults.url=" + redis.uri() + "/0",
          "defaults.allowed_packages=" + Book.class.getPackageName(),
          "caches.books.expiry=created:3600",
          "caches.books.statistics=true",
          ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  List<String> cacheProperties() {
    return List.of("spring.cache.jcache.config=" + file.toUri());
  }

  @Override
  URI expectedManagerUri(javax.cache.CacheManager manager) {
    return file.toUri();
  }

  @Override
  String expectedBackend() {
    return "redis";
  }

  @Override
  boolean backendHolds(String key) {
    return !redisKeys(key).isEmpty();
  }

  private static List<String> redisKeys(String key) {
    return server.scanKeys("zenoo:books:*" + key + "*");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theFilesSettings_applyToTheCacheSpringUses() {
    service().save(new Book("978-0441172719", "Dune"));

    List<String> keys = redisKeys("978-0441172719");
    assertThat(keys).hasSize(1);
    assertThat((Long) server.command("TTL", keys.get(0))).as("created:3600 from the file")
        .isBetween(3_000L, 3_600L + 60L);
    ZenooCache<Object, Object> zenoo = jcache().unwrap(ZenooCache.class);
    assertThat(jcache().getConfiguration(javax.cache.configuration.CompleteConfiguration.class).isStatisticsEnabled())
        .isTrue();
    assertThat(zenoo.stats().asMap()).containsEntry("backend", "redis");
  }
}
