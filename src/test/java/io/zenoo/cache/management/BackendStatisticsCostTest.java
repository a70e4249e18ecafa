package io.zenoo.cache.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.jcache.ZenooCachingProvider;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.management.AttributeList;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reading the backend statistics bean costs one snapshot, so one SCAN of the cache's keys, however many
 * attributes a console reads at once (one {@code getAttributes}); a size that cannot be counted is reported
 * as an error, not as -1.
 * SCAN calls are counted by the server ({@code INFO commandstats}).
 */
@ExtendWith(RedisExtension.class)
class BackendStatisticsCostTest {

  private final ZenooCachingProvider provider = new ZenooCachingProvider();

  @AfterEach
  void tearDown() {
    provider.close();
  }

  private static long scanCalls(RedisServer server) {
    String info = String.valueOf(server.command("INFO", "commandstats"));
    Matcher m = Pattern.compile("cmdstat_scan:calls=(\\d+)").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private Cache<String, String> cache(RedisServer server, String query, String name) {
    CacheManager manager = provider.getCacheManager(URI.create(server.uri() + query), getClass().getClassLoader());
    return manager.createCache(name, new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class).setManagementEnabled(true).setStatisticsEnabled(true));
  }

  private static ObjectName backendBean(String cacheName) throws Exception {
    Set<ObjectName> names = ManagementFactory.getPlatformMBeanServer().queryNames(
        new ObjectName("io.zenoo.cache:type=CacheBackendStatistics,Cache=" + cacheName + ",*"), null);
    assertThat(names).hasSize(1);
    return names.iterator().next();
  }

  @Test
  void readingEveryAttribute_costsOneScan(RedisServer server) throws Exception {
    Cache<String, String> cache = cache(server, "", "costly");
    for (int i = 0; i < 10; i++) {
      cache.put("k" + i, "v");
    }
    MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    ObjectName bean = backendBean("costly");
    server.command("CONFIG", "RESETSTAT");
    String[] names = Arrays.stream(mbeans.getMBeanInfo(bean).getAttributes())
        .map(MBeanAttributeInfo::getName).toArray(String[]::new);
    // as a console reads a bean: every attribute in one call
    AttributeList values = mbeans.getAttributes(bean, names);
    assertThat(values).hasSize(names.length).hasSizeGreaterThanOrEqualTo(12);
    assertThat(scanCalls(server)).as("SCAN calls for %d attributes", names.length).isEqualTo(1);
    assertThat(values.asList()).anySatisfy(a -> {
      assertThat(a.getName()).isEqualTo("CurrentSize");
      assertThat(a.getValue()).isEqualTo(10L);
    });
  }

  /** A server that stops answering (SIGSTOP) makes the count fail: the bean and stats() say so. */
  @Test
  void sizeThatCannotBeCounted_isReportedAsAnError_notAsMinusOne(RedisServer server) throws Exception {
    Cache<String, String> cache = cache(server, "?socket_timeout=0.5&enable_fallback=false&retry_attempts=1",
        "uncountable");
    cache.put("k", "v");
    MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    ObjectName bean = backendBean("uncountable");
    server.pause();
    try {
      Map<String, Object> stats = cache.unwrap(ZenooCache.class).stats().asMap();
      assertThat(stats).doesNotContainKey("current_size");
      assertThat(String.valueOf(stats.get("current_size_error"))).contains("unavailable");
      assertThatThrownBy(() -> mbeans.getAttribute(bean, "CurrentSize"))
          .hasStackTraceContaining("current_size unavailable");
    } finally {
      server.resume();
    }
  }
}
