package io.zenoo.cache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HibernateSecondLevelCacheContract} with the regions described by a zenoo configuration file named by
 * {@code hibernate.javax.cache.uri} (a {@code file:} URL, which Hibernate resolves and hands to our provider):
 * every region a RedisCache on a real {@code redis-server} (the file's defaults: backend, server, the
 * {@code java} codec and the packages Hibernate's cache entries need), the author region bounded by its own
 * section, the regions Hibernate asks for by name created from the defaults.
 */
class HibernateConfigurationFileTest extends HibernateSecondLevelCacheContract {

  @RegisterExtension
  static final RedisExtension REDIS = RedisExtension.builder().flushAllBeforeEach(true).build();

  @TempDir
  static Path directory;

  private static Path file;
  private static RedisServer server;

  @BeforeAll
  static void writeTheFile(RedisServer redis) {
    server = redis;
    file = directory.resolve("hibernate-regions.properties");
    try {
      Files.writeString(file, String.join("\n",
          "defaults.backend=redis",
          "defaults.url=" + redis.uri() + "/0",
          "defaults.serializer=java",
          "defaults.allowed_packages=org.hibernate",
          "defaults.create_missing_caches=true",
          "caches." + AUTHOR_REGION + ".namespace=authors",
          ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  Map<String, Object> backendSettings() {
    return Map.of("hibernate.javax.cache.uri", file.toUri().toString());
  }

  @Override
  String expectedBackend() {
    return "redis";
  }

  @Test
  void regions_followTheFile_perRegionSectionsIncluded() {
    titlesOfAuthor(sessionFactory(), 1L);

    assertThat(server.scanKeys("authors:" + AUTHOR_REGION + ":*"))
        .as("the author region's own namespace, from its section").hasSize(1);
    assertThat(server.scanKeys("zenoo:" + NOVEL_REGION + ":*"))
        .as("the novel region, from the defaults").hasSize(3);
    CacheManager manager = Caching.getCachingProvider().getCacheManager(file.toUri(), null);
    @SuppressWarnings("unchecked")
    ZenooCache<Object, Object> author = manager.getCache(AUTHOR_REGION).unwrap(ZenooCache.class);
    assertThat(author.stats().asMap()).containsEntry("backend", "redis").containsEntry("namespace", "authors");
  }
}
