package io.zenoo.cache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.config.RedisCacheConfiguration;
import io.zenoo.cache.memory.MemoryCache;
import io.zenoo.cache.redis.RedisCache;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testing.FakeClock;
import io.zenoo.cache.testkit.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The traps a new user fell into, each of which used to pass silently: a typo in the URI scheme (a memory
 * cache instead of Redis), an upper-case scheme, a misspelled query parameter, an unknown Properties or
 * system property key, a MemoryCache parameter on a Redis URI, a bad {@code allowed_packages}, and a
 * {@code RedisCacheConfiguration} whose builder defaults replaced the manager URI's parameters. Each now
 * fails at {@code getCacheManager} with a {@link CacheException} naming the mistake, or works as written.
 */
@ExtendWith(RedisExtension.class)
class NothingSilentTest {

  private final CachingProvider provider = Caching.getCachingProvider();
  private final List<CacheManager> managers = new ArrayList<>();
  private RedisServer server;

  @BeforeEach
  void setUp(RedisServer server) {
    this.server = server;
  }

  @AfterEach
  void tearDown() {
    managers.forEach(CacheManager::close);
  }

  private CacheManager manager(String uri) {
    return manager(uri, null);
  }

  private CacheManager manager(String uri, Properties properties) {
    CacheManager manager =
        provider.getCacheManager(URI.create(uri), new ClassLoader(getClass().getClassLoader()) {}, properties);
    managers.add(manager);
    return manager;
  }

  private static Properties properties(String... keysAndValues) {
    Properties p = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return p;
  }

  @Test
  void getCacheManager_schemeTypo_failsNamingTheSchemeAndTheNearestKnownOne() {
    assertThatThrownBy(() -> manager("reddis://user:s3cret@localhost:6379/0"))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("Unknown scheme 'reddis'")
        .hasMessageContaining("did you mean redis?")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> manager("rediss-cluster://h1:7000,h2:7001"))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("did you mean rediss?");
  }

  @Test
  void getCacheManager_opaqueName_staysAMemoryManager() {
    Cache<String, String> cache =
        manager("myapp:caches").createCache("c", new MutableConfiguration<String, String>());
    assertThat(cache).isInstanceOf(MemoryCache.class);
  }

  @Test
  void getCacheManager_upperCaseScheme_isRedis() {
    String uri = server.uri().toString().replaceFirst("^redis:", "REDIS:");
    Cache<String, String> cache =
        manager(uri).createCache("upper", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    assertThat(cache).isInstanceOf(RedisCache.class);
    cache.put("k", "v");
    assertThat(server.command("EXISTS", "zenoo:upper:k")).isEqualTo(1L);
  }

  @Test
  void getCacheManager_misspelledQueryParameter_failsWithTheNearestName() {
    assertThatThrownBy(() -> manager(server.uri() + "?namspace=app"))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("Unknown parameter 'namspace'")
        .hasMessageContaining("did you mean namespace?");
  }

  @Test
  void getCacheManager_lettuceQueryParameters_areAccepted() {
    Cache<String, String> cache = manager(server.uri() + "?timeout=5s&clientName=zenoo-test&namespace=lt")
        .createCache("c", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    cache.put("k", "v");
    assertThat(server.command("EXISTS", "lt:c:k")).isEqualTo(1L);
  }

  @Test
  void getCacheManager_memoryParameterOnRedisUri_fails() {
    assertThatThrownBy(() -> manager(server.uri() + "?max_size=10"))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("'max_size'")
        .hasMessageContaining("MemoryCache parameter");
    assertThatThrownBy(() -> manager(server.uri().toString(), properties("cleanup_interval", "5")))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("'cleanup_interval'");
  }

  @Test
  void getCacheManager_unknownPropertiesKey_failsWithTheNearestName_otherFrameworksKeysAreLeftAlone() {
    assertThatThrownBy(() -> manager("nothing-silent:props", properties("max_sise", "10")))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("Unknown parameter 'max_sise'")
        .hasMessageContaining("did you mean max_size?");
    CacheManager manager = manager("nothing-silent:others", properties("hibernate.cache.use_query_cache", "x",
        "javax.cache.test.1", "value1", "max_size", "7"));
    assertThat(manager.getProperties().getProperty("hibernate.cache.use_query_cache")).isEqualTo("x");
  }

  @Test
  void getCacheManager_unknownSystemProperty_failsWithTheNearestName() {
    System.setProperty("zenoo.cache.namepsace", "app");
    try {
      assertThatThrownBy(() -> manager("nothing-silent:system"))
          .isInstanceOf(CacheException.class)
          .hasMessageContaining("-Dzenoo.cache.namepsace")
          .hasMessageContaining("did you mean -Dzenoo.cache.namespace?");
    } finally {
      System.clearProperty("zenoo.cache.namepsace");
    }
  }

  @Test
  void getCacheManager_badValue_failsNamingTheParameterAndTheRule() {
    assertThatThrownBy(() -> manager(server.uri() + "?allowed_packages=app"))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("'allowed_packages'")
        .hasMessageContaining("at least two segments");
    assertThatThrownBy(() -> manager("nothing-silent:bad", properties("max_size", "ten")))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("Invalid value 'ten' for property 'max_size': expected a whole number > 0");
  }

  @Test
  void createCache_builderDefaults_doNotReplaceTheManagerUrisParameters() {
    CacheManager manager = manager(server.uri() + "?namespace=app&serializer=java&enable_fallback=false");
    Cache<String, String> plain =
        manager.createCache("plain", RedisCacheConfiguration.builder(String.class, String.class).build());
    @SuppressWarnings("unchecked")
    RedisCacheConfiguration<String, String> c = plain.getConfiguration(RedisCacheConfiguration.class);
    assertThat(c.getNamespace()).isEqualTo("app");
    assertThat(c.getSerializer()).isEqualTo("java");
    assertThat(c.isFallbackEnabled()).isFalse();
    plain.put("k", "v");
    assertThat(server.command("EXISTS", "app:plain:k")).isEqualTo(1L);

    // what the builder sets explicitly wins, and only that
    Cache<String, String> own = manager.createCache("own",
        RedisCacheConfiguration.builder(String.class, String.class).namespace("mine").build());
    @SuppressWarnings("unchecked")
    RedisCacheConfiguration<String, String> o = own.getConfiguration(RedisCacheConfiguration.class);
    assertThat(o.getNamespace()).isEqualTo("mine");
    assertThat(o.getSerializer()).isEqualTo("java");
  }

  /** The copies of the parameter list had drifted: a discovered cache lost the fallback parameters. */
  @Test
  void getCache_discoveredCache_keepsEveryParameterOfItsManager() {
    String uri = server.uri() + "?namespace=disc&fallback_max_size=7&fallback_reconcile=replay&retry_attempts=2";
    manager(uri).createCache("shared", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    Cache<String, String> discovered = manager(uri).getCache("shared", String.class, String.class);
    assertThat(discovered).isNotNull();
    @SuppressWarnings("unchecked")
    RedisCacheConfiguration<String, String> c = discovered.getConfiguration(RedisCacheConfiguration.class);
    assertThat(c.getFallbackMaxSize()).isEqualTo(7);
    assertThat(c.getFallbackReconcile()).isEqualTo("replay");
    assertThat(c.getRetryAttempts()).isEqualTo(2);
    assertThat(c.getNamespace()).isEqualTo("disc");
  }

  /** RedisCacheConfiguration.clock was read by nothing; a test now moves time instead of waiting for a TTL. */
  @Test
  void redisCache_injectedClock_decidesExpiryWithoutWaiting() {
    FakeClock clock = new FakeClock();
    Cache<String, String> cache = manager(server.uri().toString()).createCache("clocked",
        RedisCacheConfiguration.builder(String.class, String.class)
            .expiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.HOURS, 1)))
            .clock(clock)
            .build());
    cache.put("k", "v");
    assertThat(cache.get("k")).isEqualTo("v");
    clock.advance(Duration.ofMinutes(61));
    assertThat(cache.get("k")).isNull();
  }
}
