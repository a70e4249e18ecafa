package io.zenoo.cache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.config.MemoryCacheConfiguration;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** README's "Getting started" examples, run as written ({@link DocsExamplesTest} compares the text). */
@ExtendWith(RedisExtension.class)
class GettingStartedTest {

  private CacheManager opened;

  @AfterEach
  void close() {
    if (opened != null && !opened.isClosed()) {
      opened.getCacheNames().forEach(opened::destroyCache);
    }
  }

  @Test
  void memoryCache_inFiveLines() {
    // example: getting-started-memory
    CacheManager manager = Caching.getCachingProvider().getCacheManager();
    Cache<String, String> cache = manager.createCache("greetings",
        MemoryCacheConfiguration.builder(String.class, String.class).maxSize(10_000).build());
    cache.put("hello", "world");
    String value = cache.get("hello");
    // end example
    opened = manager;
    assertThat(value).isEqualTo("world");
  }

  @Test
  void redisCache_inFiveLines(RedisServer server) {
    String redisUrl = server.uri().toString();
    // example: getting-started-redis
    CacheManager manager = Caching.getCachingProvider()
        .getCacheManager(URI.create(redisUrl + "?namespace=myapp"), null);
    Cache<String, String> cache = manager.createCache("greetings",
        new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    cache.put("hello", "world");
    // end example
    opened = manager;
    assertThat(server.command("EXISTS", "myapp:greetings:hello")).isEqualTo(1L);
    manager.close();
  }
}
