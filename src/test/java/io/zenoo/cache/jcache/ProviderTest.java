package io.zenoo.cache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.memory.MemoryCache;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class ProviderTest {

  private final CachingProvider provider = Caching.getCachingProvider();

  @Test
  void serviceLoader_findsOurProvider_andTheDefaultUriGivesMemoryCaches() {
    assertThat(provider).isInstanceOf(ZenooCachingProvider.class);
    assertThat(provider.getDefaultURI()).isEqualTo(URI.create(ZenooCachingProvider.MEMORY_URI));
    CacheManager manager = provider.getCacheManager(URI.create("provider-test:default"), null);
    try {
      Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<String, String>());
      assertThat(cache).isInstanceOf(MemoryCache.class).isInstanceOf(ZenooCache.class);
    } finally {
      manager.close();
    }
  }

  @Test
  void managers_areOnePerUriAndClassLoader_andNullMeansDefault() {
    URI uri = URI.create("provider-test:same");
    CacheManager a = provider.getCacheManager(uri, null);
    CacheManager b = provider.getCacheManager(uri, provider.getDefaultClassLoader());
    ClassLoader other = new ClassLoader(getClass().getClassLoader()) {};
    CacheManager c = provider.getCacheManager(uri, other);
    try {
      assertThat(a).isSameAs(b);
      assertThat(c).isNotSameAs(a);
      assertThat(provider.getCacheManager(null, null)).isSameAs(provider.getCacheManager());
    } finally {
      provider.close(uri, other);
      assertThat(c.isClosed()).isTrue();
      assertThat(a.isClosed()).isFalse();
      a.close();
    }
    CacheManager fresh = provider.getCacheManager(uri, null);
    assertThat(fresh).isNotSameAs(a);
    assertThat(fresh.isClosed()).isFalse();
    fresh.close();
  }

  @Test
  void managerLifecycle_createGetDestroyNamesAndClose() {
    CacheManager manager = provider.getCacheManager(URI.create("provider-test:lifecycle"), null);
    Cache<String, Integer> cache =
        manager.createCache("numbers", new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
    cache.put("one", 1);
    assertThatThrownBy(() -> manager.createCache("numbers", new MutableConfiguration<>()))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("numbers");
    assertThat(manager.getCache("numbers", String.class, Integer.class)).isSameAs(cache);
    assertThat(manager.<String, Integer>getCache("numbers")).isSameAs(cache);
    assertThatThrownBy(() -> manager.getCache("numbers", String.class, String.class))
        .isInstanceOf(ClassCastException.class);
    assertThat(manager.getCacheNames()).containsExactly("numbers");
    assertThatThrownBy(() -> manager.getCacheNames().iterator().remove())
        .isInstanceOf(UnsupportedOperationException.class);

    manager.destroyCache("numbers");
    assertThat(cache.isClosed()).isTrue();
    assertThat(manager.getCache("numbers")).isNull();
    Cache<String, Integer> again =
        manager.createCache("numbers", new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
    assertThat(again.get("one")).as("destroyed data is gone").isNull();

    manager.close();
    assertThat(again.isClosed()).isTrue();
    assertThat(manager.isClosed()).isTrue();
    assertThatThrownBy(() -> manager.getCache("numbers")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void statisticsAndManagement_registerAndUnregisterTheStandardMxBeans() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    CacheManager manager = provider.getCacheManager(URI.create("provider-test:jmx"), null);
    try {
      Cache<String, String> cache = manager.createCache("jmx,cache", new MutableConfiguration<String, String>());
      ObjectName stats = new ObjectName("javax.cache:type=CacheStatistics,CacheManager=provider-test.jmx,Cache=jmx.cache");
      ObjectName config = new ObjectName("javax.cache:type=CacheConfiguration,CacheManager=provider-test.jmx,Cache=jmx.cache");
      ObjectName backend =
          new ObjectName("io.zenoo.cache:type=CacheBackendStatistics,CacheManager=provider-test.jmx,Cache=jmx.cache");
      assertThat(server.isRegistered(stats)).isFalse();

      manager.enableStatistics("jmx,cache", true);
      manager.enableManagement("jmx,cache", true);
      cache.put("a", "1");
      cache.get("a");
      cache.get("b");
      assertThat(server.getAttribute(stats, "CacheHits")).isEqualTo(1L);
      assertThat(server.getAttribute(stats, "CacheMisses")).isEqualTo(1L);
      assertThat(server.getAttribute(stats, "CachePuts")).isEqualTo(1L);
      assertThat(server.getAttribute(config, "StoreByValue")).isEqualTo(true);
      assertThat(server.getAttribute(backend, "Backend")).isEqualTo("memory");
      assertThat(server.getAttribute(backend, "CurrentSize")).isEqualTo(1L);
      server.invoke(stats, "clear", null, null);
      assertThat(server.getAttribute(stats, "CacheHits")).isEqualTo(0L);

      manager.enableStatistics("jmx,cache", false);
      assertThat(server.isRegistered(stats)).isFalse();
      manager.destroyCache("jmx,cache");
      assertThat(server.isRegistered(config)).isFalse();
    } finally {
      manager.close();
    }
  }

  @Test
  void defaultUri_canBeSetBySystemProperty() {
    String previous = System.getProperty(ZenooCachingProvider.URI_PROPERTY);
    System.setProperty(ZenooCachingProvider.URI_PROPERTY, "zenoo:elsewhere");
    try {
      assertThat(provider.getDefaultURI()).isEqualTo(URI.create("zenoo:elsewhere"));
    } finally {
      if (previous == null) {
        System.clearProperty(ZenooCachingProvider.URI_PROPERTY);
      } else {
        System.setProperty(ZenooCachingProvider.URI_PROPERTY, previous);
      }
    }
  }

  @Test
  void managerProperties_areKeptAndReturned() {
    Properties properties = new Properties();
    properties.setProperty("max_size", "10");
    CacheManager manager = provider.getCacheManager(URI.create("provider-test:props"), null, properties);
    try {
      assertThat(manager.getProperties().getProperty("max_size")).isEqualTo("10");
    } finally {
      manager.close();
    }
  }

  @Test
  void redisUri_givesRedisCaches_andADeadServerFailsConnectWithAMaskedMessage() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI uri = URI.create("redis://app:s3cr3t-pw@127.0.0.1:" + closedPort
        + "/0?socket_connect_timeout=0.5&enable_fallback=false&retry_backoff_base=0.01");
    CacheManager manager = provider.getCacheManager(uri, null);
    try {
      ZenooCache<?, ?> cache =
          manager.createCache("c", new MutableConfiguration<String, String>()).unwrap(ZenooCache.class);
      assertThat(cache).isInstanceOf(io.zenoo.cache.redis.RedisCache.class);
      assertThat(cache.toString()).doesNotContain("s3cr3t-pw");
      assertThatThrownBy(cache::connect)
          .isInstanceOf(io.zenoo.cache.CacheUnavailableException.class)
          .hasMessageContaining("127.0.0.1:" + closedPort)
          .hasMessageContaining("unavailable")
          .hasMessageNotContaining("s3cr3t-pw");
      assertThat(cache.stats().toString()).doesNotContain("s3cr3t-pw");
    } finally {
      manager.close();
    }
  }
}
