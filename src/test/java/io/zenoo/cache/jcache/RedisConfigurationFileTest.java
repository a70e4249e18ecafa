package io.zenoo.cache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.config.RedisCacheConfiguration;
import io.zenoo.cache.memory.MemoryCache;
import io.zenoo.cache.redis.RedisCache;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration files whose caches live on a real redis-server: the file names the server (its port
 * substituted into the file this test writes), per-cache Redis parameters and expiry reach Redis, memory and
 * Redis caches share one manager, Properties override the file, and missing caches get the Redis defaults.
 */
@ExtendWith(RedisExtension.class)
class RedisConfigurationFileTest {

  @TempDir Path dir;

  private final CachingProvider provider = Caching.getCachingProvider(ZenooCachingProvider.class.getName());
  private final List<CacheManager> managers = new ArrayList<>();
  private RedisServer server;
  private int files;

  @BeforeEach
  void setUp(RedisServer server) {
    this.server = server;
    server.flushAll();
  }

  @AfterEach
  void tearDown() {
    managers.forEach(CacheManager::close);
  }

  private URI write(String... lines) throws IOException {
    Path file = dir.resolve("redis-cache-" + (++files) + ".properties");
    String text = String.join("\n", lines).replace("${redis}", server.uri().toString());
    Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    return file.toUri();
  }

  private CacheManager manager(URI uri, Properties properties) {
    CacheManager manager = provider.getCacheManager(uri, new ClassLoader(getClass().getClassLoader()) {}, properties);
    managers.add(manager);
    return manager;
  }

  @Test
  void fileCaches_onRedisAndInMemory_sideBySide() throws IOException {
    CacheManager manager = manager(write(
        "defaults.url=${redis}",
        "templates.shared.backend=redis",
        "templates.shared.namespace=app",
        "caches.sessions.template=shared",
        "caches.sessions.key_type=java.lang.String",
        "caches.sessions.value_type=java.lang.String",
        "caches.sessions.expiry=created:100",
        "caches.sessions.socket_timeout=2",
        "caches.local.max_size=10"), new Properties());

    Cache<String, String> sessions = manager.getCache("sessions", String.class, String.class);
    assertThat(sessions).isInstanceOf(RedisCache.class);
    sessions.put("s1", "alice");
    assertThat(sessions.get("s1")).isEqualTo("alice");
    assertThat(server.command("EXISTS", "app:sessions:s1")).isEqualTo(1L);
    assertThat((Long) server.command("PTTL", "app:sessions:s1")).isPositive(); // native TTL
    @SuppressWarnings("unchecked")
    RedisCacheConfiguration<String, String> c = sessions.getConfiguration(RedisCacheConfiguration.class);
    assertThat(c.getSocketTimeout()).hasSeconds(2);
    assertThat(c.getExpiryPolicyFactory().create().getExpiryForCreation().getDurationAmount()).isEqualTo(100_000);

    Cache<Object, Object> local = manager.getCache("local");
    assertThat(local).isInstanceOf(MemoryCache.class);
  }

  @Test
  void properties_overrideTheFile_onRedisToo() throws IOException {
    URI uri = write(
        "caches.r.backend=redis", "caches.r.url=${redis}", "caches.r.namespace=fromfile",
        "caches.r.key_type=java.lang.String");
    Properties properties = new Properties();
    properties.setProperty("namespace", "fromproperties");

    Cache<String, Object> cache = manager(uri, properties).getCache("r", String.class, Object.class);
    cache.put("k", "v");

    assertThat(server.command("EXISTS", "fromproperties:r:k")).isEqualTo(1L);
    assertThat(server.command("EXISTS", "fromfile:r:k")).isEqualTo(0L);
  }

  @Test
  void redisDefaults_giveMissingCachesOnRedis_andFindCachesOtherManagersCreated() throws IOException {
    URI uri = write(
        "defaults.backend=redis", "defaults.url=${redis}", "defaults.create_missing_caches=true",
        "defaults.key_type=java.lang.String");
    CacheManager first = manager(uri, new Properties());

    Cache<String, Object> region = first.getCache("com.example.Entity"); // untyped, as Hibernate asks
    assertThat(region).isInstanceOf(RedisCache.class);
    region.put("id", "row");
    assertThat(server.command("EXISTS", "zenoo:com.example.Entity:id")).isEqualTo(1L);

    Cache<String, String> made =
        first.createCache("made", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    made.put("a", "b");
    URI strictUri = write("defaults.backend=redis", "defaults.url=${redis}");
    CacheManager second = manager(strictUri, new Properties());
    Cache<String, String> found = second.getCache("made", String.class, String.class);
    assertThat(found).isNotNull();
    assertThat(found.get("a")).isEqualTo("b");
  }
}
