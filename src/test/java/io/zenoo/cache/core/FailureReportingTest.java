package io.zenoo.cache.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zenoo.cache.CacheUnavailableException;
import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testing.TestCaches;
import io.zenoo.cache.testkit.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.processor.EntryProcessorException;
import org.junit.jupiter.api.Test;

/**
 * Failures reach someone: an outage under an entry processor surfaces as the outage it is, and a
 * {@code loadAll} whose caller gave no completion listener logs the loader's failure instead of dropping it.
 */
class FailureReportingTest {

  /**
   * Redis is down and the fallback is off: {@code invoke} and {@code invokeAll} fail with the
   * CacheUnavailableException every other operation gives, not with an EntryProcessorException (the
   * processor did nothing wrong).
   */
  @Test
  void invoke_redisDownWithoutFallback_throwsCacheUnavailableException() {
    try (RedisServer server = RedisServer.start()) {
      CacheManager manager = Caching.getCachingProvider().getCacheManager(
          URI.create(server.uri() + "?enable_fallback=false&socket_timeout=0.5&socket_connect_timeout=0.5"
              + "&retry_attempts=1&circuit_breaker_threshold=100"),
          new ClassLoader(getClass().getClassLoader()) {});
      try {
        Cache<String, String> cache = manager.createCache(
            "outage", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        cache.put("k", "v");
        server.kill();

        assertThatThrownBy(() -> cache.invoke("k", (entry, args) -> entry.getValue()))
            .isInstanceOf(CacheUnavailableException.class)
            .isNotInstanceOf(EntryProcessorException.class)
            .hasMessageContaining("Cache outage: invoke failed");
        assertThatThrownBy(() -> cache.invokeAll(Set.of("k"), (entry, args) -> entry.getValue()))
            .isInstanceOf(CacheUnavailableException.class);
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheUnavailableException.class);
      } finally {
        manager.close();
      }
    }
  }

  /**
   * {@code loadAll} without a completion listener, and the loader fails: the failure is logged at WARN with
   * the cache's name and the cause, once.
   */
  @Test
  void loadAll_withoutCompletionListener_loaderFails_logsAWarningWithCacheAndCause() {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8)); // slf4j-simple writes there
    try (TestCaches caches = new TestCaches()) {
      ZenooCache<String, String> cache = caches.create(new MutableConfiguration<String, String>()
          .setTypes(String.class, String.class)
          .setReadThrough(true)
          .setCacheLoaderFactory(FactoryBuilder.factoryOf(new FailingLoader())));

      cache.loadAll(Set.of("a", "b"), /* replaceExistingValues= */ false, null);

      await().atMost(Duration.ofSeconds(10)).until(() -> logged.toString(StandardCharsets.UTF_8).contains("loadAll"));
      List<String> lines = logged.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> l.contains("WARN") && l.contains("loadAll"))
          .toList();
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0)).contains("WARN").contains(cache.getName()).contains("2 keys");
      assertThat(logged.toString(StandardCharsets.UTF_8)).contains("the system of record is down");
      assertThat(cache.get("a")).isNull();
    } finally {
      System.setErr(originalErr);
    }
  }

  /** A loader whose every call fails, as when the system of record is down. */
  static final class FailingLoader implements CacheLoader<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String load(String key) {
      return null;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      throw new IllegalStateException("the system of record is down");
    }
  }
}
