package io.zenoo.cache.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import io.micrometer.core.instrument.config.InvalidConfigurationException;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.lang.ref.Reference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ZenooCacheMetrics} on a {@link SimpleMeterRegistry}, bound beside Micrometer's {@link JCacheMetrics}:
 * the meters follow real operations on a memory cache and on a Redis cache (a real redis-server from the test
 * kit), the circuit and fallback meters follow a killed server, the two binders register no meter name in
 * common, and one statistics snapshot serves every meter of a scrape.
 */
@ExtendWith(RedisExtension.class)
class ZenooCacheMetricsTest {

  /** Short timeouts: a call gives up after 2 attempts of 0.5 s; 3 failed calls open the circuit for 0.5 s. */
  private static final String[][] FAST = {
    {"socket_timeout", "0.5"}, {"socket_connect_timeout", "0.5"}, {"retry_attempts", "2"},
    {"retry_backoff_base", "0.02"}, {"retry_backoff_max", "0.2"}, {"circuit_breaker_threshold", "3"},
    {"circuit_breaker_timeout", "0.5"}, {"health_check_interval", "0.2"}, {"enable_fallback", "true"}
  };

  private static final Duration AWAIT = Duration.ofSeconds(30);

  private final CachingProvider provider = Caching.getCachingProvider();
  private final List<CacheManager> managers = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private RedisServer server;

  @BeforeEach
  void setUp(RedisServer server) {
    this.server = server;
  }

  @AfterEach
  void tearDown() {
    managers.forEach(CacheManager::close);
    registry.close();
  }

  /**
   * Returns a new cache with JCache statistics on. The manager URI has no query (settings go in
   * Properties): {@code JCacheMetrics} builds the statistics bean's name from the raw URI.
   */
  @SuppressWarnings("unchecked")
  private ZenooCache<String, String> cache(URI managerUri, Properties properties, String name) {
    CacheManager manager =
        provider.getCacheManager(managerUri, new ClassLoader(getClass().getClassLoader()) {}, properties);
    managers.add(manager);
    Cache<String, String> cache =
        manager.createCache(
            name,
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setStatisticsEnabled(true));
    return cache.unwrap(ZenooCache.class);
  }

  private static Properties fast() {
    Properties properties = new Properties();
    for (String[] setting : FAST) {
      properties.setProperty(setting[0], setting[1]);
    }
    return properties;
  }

  /** Binds both binders, ours reading a fresh snapshot on every read. */
  private void bindBoth(ZenooCache<String, String> cache) {
    new ZenooCacheMetrics(cache, Tags.of("app", "test"), Duration.ZERO).bindTo(registry);
    JCacheMetrics.monitor(registry, cache, "app", "test");
  }

  private double gauge(String name, String cache, String... tags) {
    Gauge gauge = search(name, cache, tags).gauge();
    assertThat(gauge).as("gauge %s of %s", name, cache).isNotNull();
    return gauge.value();
  }

  private double counter(String name, String cache, String... tags) {
    FunctionCounter counter = search(name, cache, tags).functionCounter();
    assertThat(counter).as("function counter %s of %s", name, cache).isNotNull();
    return counter.count();
  }

  private Search search(String name, String cache, String... tags) {
    return registry.find(name).tag("cache", cache).tags(tags);
  }

  /** Reads every measurement of every meter, as a registry publishing them does (measurements are lazy). */
  private void scrape() {
    for (Meter meter : registry.getMeters()) {
      meter.measure().forEach(Measurement::getValue);
    }
  }

  private Set<String> meterNames(String cache, String prefix) {
    return registry.getMeters().stream()
        .filter(m -> cache.equals(m.getId().getTag("cache")))
        .map(m -> m.getId().getName())
        .filter(n -> n.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  @Test
  void memoryCache_metersFollowOperations_besideJCacheMetrics_noNameInCommon() {
    ZenooCache<String, String> cache = cache(URI.create("metrics-test:memory"), new Properties(), "m.memory");
    bindBoth(cache);

    assertThat(meterNames("m.memory", "zenoo."))
        .containsExactlyInAnyOrder("zenoo.cache.hit.rate", "zenoo.cache.size", "zenoo.cache.memory.usage");
    assertThat(meterNames("m.memory", "cache.")).contains("cache.gets", "cache.puts", "cache.removals")
        .allSatisfy(n -> assertThat(n).doesNotStartWith("zenoo."));
    for (Meter meter : registry.getMeters()) {
      if (meter.getId().getName().startsWith("zenoo.")) {
        assertThat(meter.getId().getTag("backend")).isEqualTo("memory");
        assertThat(meter.getId().getTag("app")).isEqualTo("test");
      }
    }
    assertThat(gauge("zenoo.cache.size", "m.memory")).isZero();
    assertThat(gauge("zenoo.cache.memory.usage", "m.memory")).isZero();

    cache.put("a", "1");
    cache.put("b", "2");
    cache.get("a");
    cache.get("a");
    cache.get("missing");

    assertThat(gauge("zenoo.cache.size", "m.memory")).isEqualTo(2d);
    assertThat(gauge("zenoo.cache.hit.rate", "m.memory")).isCloseTo(2d / 3, within(1e-9));
    assertThat(gauge("zenoo.cache.memory.usage", "m.memory")).isPositive();
    assertThat(counter("cache.gets", "m.memory", "result", "hit")).isEqualTo(2d);
    assertThat(counter("cache.gets", "m.memory", "result", "miss")).isEqualTo(1d);
    assertThat(counter("cache.puts", "m.memory")).isEqualTo(2d);

    cache.remove("b");
    assertThat(gauge("zenoo.cache.size", "m.memory")).isEqualTo(1d);
  }

  @Test
  void redisCache_metersFollowOperations_besideJCacheMetrics() {
    ZenooCache<String, String> cache = cache(server.uri(), new Properties(), "m.redis");
    bindBoth(cache);

    assertThat(meterNames("m.redis", "zenoo."))
        .containsExactlyInAnyOrder(
            "zenoo.cache.hit.rate", "zenoo.cache.size", "zenoo.cache.connected", "zenoo.cache.circuit.state",
            "zenoo.cache.circuit.trips", "zenoo.cache.fallback.hits", "zenoo.cache.backend.operations",
            "zenoo.cache.backend.errors", "zenoo.cache.backend.error.rate");
    assertThat(search("zenoo.cache.size", "m.redis").gauge().getId().getTag("backend")).isEqualTo("redis");
    double operationsBefore = counter("zenoo.cache.backend.operations", "m.redis");

    cache.put("a", "1");
    cache.put("b", "2");
    cache.get("a");
    cache.get("missing");

    assertThat(gauge("zenoo.cache.size", "m.redis")).isEqualTo(2d);
    assertThat(gauge("zenoo.cache.hit.rate", "m.redis")).isCloseTo(0.5, within(1e-9));
    assertThat(gauge("zenoo.cache.connected", "m.redis")).isEqualTo(1d);
    assertThat(gauge("zenoo.cache.circuit.state", "m.redis", "state", "closed")).isEqualTo(1d);
    assertThat(gauge("zenoo.cache.circuit.state", "m.redis", "state", "open")).isZero();
    assertThat(gauge("zenoo.cache.circuit.state", "m.redis", "state", "half_open")).isZero();
    assertThat(counter("zenoo.cache.backend.operations", "m.redis")).isGreaterThanOrEqualTo(operationsBefore + 4);
    assertThat(counter("zenoo.cache.backend.errors", "m.redis")).isZero();
    assertThat(gauge("zenoo.cache.backend.error.rate", "m.redis")).isZero();
    assertThat(counter("zenoo.cache.circuit.trips", "m.redis")).isZero();
    assertThat(counter("zenoo.cache.fallback.hits", "m.redis")).isZero();
    assertThat(counter("cache.gets", "m.redis", "result", "hit")).isEqualTo(1d);
    assertThat(counter("cache.gets", "m.redis", "result", "miss")).isEqualTo(1d);
    assertThat(counter("cache.puts", "m.redis")).isEqualTo(2d);
  }

  /**
   * With the fallback on, killing the server opens the circuit after a few failed calls; the fallback then
   * serves, and the meters say so. After a restart the health check closes the circuit again.
   */
  @Test
  void redisServerKilled_withFallback_circuitFallbackAndErrorMetersMove_thenRecover() {
    ZenooCache<String, String> cache = cache(server.uri(), fast(), "m.killed");
    bindBoth(cache);
    cache.put("a", "1");
    assertThat(gauge("zenoo.cache.circuit.state", "m.killed", "state", "closed")).isEqualTo(1d);

    server.kill();
    await().atMost(AWAIT).untilAsserted(() -> {
      cache.put("k", "v"); // fails over to the fallback; no exception reaches the caller
      assertThat(gauge("zenoo.cache.circuit.state", "m.killed", "state", "open")).isEqualTo(1d);
    });
    assertThat(gauge("zenoo.cache.circuit.state", "m.killed", "state", "closed")).isZero();
    assertThat(gauge("zenoo.cache.connected", "m.killed")).isZero();
    assertThat(counter("zenoo.cache.circuit.trips", "m.killed")).isGreaterThanOrEqualTo(1d);
    assertThat(counter("zenoo.cache.backend.errors", "m.killed")).isPositive();
    assertThat(gauge("zenoo.cache.backend.error.rate", "m.killed")).isPositive();
    double fallbackBefore = counter("zenoo.cache.fallback.hits", "m.killed");
    cache.put("b", "2");
    assertThat(cache.get("b")).isEqualTo("2");
    assertThat(counter("zenoo.cache.fallback.hits", "m.killed")).isGreaterThan(fallbackBefore);

    server.restart();
    await().atMost(AWAIT).untilAsserted(() -> {
      cache.get("a");
      assertThat(gauge("zenoo.cache.circuit.state", "m.killed", "state", "closed")).isEqualTo(1d);
      assertThat(gauge("zenoo.cache.connected", "m.killed")).isEqualTo(1d);
    });
  }

  /**
   * What the README warns about: {@code JCacheMetrics} names the statistics bean from the raw manager URI,
   * replacing only {@code :}, so a URI with a query cannot be named; ours binds the same cache.
   */
  @Test
  void managerUriWithAQuery_jcacheMetricsCannotNameTheBean_oursBinds() {
    ZenooCache<String, String> cache =
        cache(URI.create(server.uri() + "?socket_timeout=0.5"), new Properties(), "m.query");

    assertThatThrownBy(() -> JCacheMetrics.monitor(registry, cache))
        .isInstanceOf(InvalidConfigurationException.class);
    new ZenooCacheMetrics(cache, Tags.empty(), Duration.ZERO).bindTo(registry);
    cache.put("a", "1");
    assertThat(gauge("zenoo.cache.size", "m.query")).isEqualTo(1d);
  }

  @Test
  void negativeSnapshotAge_isRejectedByTheConstructor() {
    ZenooCache<String, String> cache = cache(URI.create("metrics-test:negative"), new Properties(), "m.negative");
    assertThatThrownBy(() -> new ZenooCacheMetrics(cache, Tags.empty(), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("snapshotMaxAge must be >= 0, but was PT-0.001S");
  }

  @Test
  void oneScrape_takesOneSnapshot_whileItIsYoungerThanTheMaximumAge() {
    ZenooCache<String, String> real = cache(server.uri(), new Properties(), "m.snapshots");
    AtomicInteger snapshots = new AtomicInteger();
    ZenooCache<String, String> counting = countingStats(real, snapshots);
    AtomicLong ticker = new AtomicLong();
    new ZenooCacheMetrics(counting, Tags.empty(), Duration.ofSeconds(1).toNanos(), ticker::get).bindTo(registry);
    snapshots.set(0);

    scrape();
    assertThat(registry.getMeters()).hasSizeGreaterThan(5);
    assertThat(snapshots).hasValue(1);

    real.put("a", "1");
    ticker.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(gauge("zenoo.cache.size", "m.snapshots")).as("still the first snapshot").isZero();
    ticker.addAndGet(Duration.ofMillis(1).toNanos());
    scrape();
    assertThat(snapshots).hasValue(2);
    assertThat(gauge("zenoo.cache.size", "m.snapshots")).isEqualTo(1d);
    Reference.reachabilityFence(counting); // the meters hold it weakly
  }

  @Test
  void statisticsThatCannotBeRead_readNaN_insteadOfFailingTheScrape() {
    ZenooCache<String, String> real = cache(URI.create("metrics-test:closed"), new Properties(), "m.closed");
    AtomicInteger snapshots = new AtomicInteger();
    ZenooCache<String, String> failing = countingStats(real, snapshots);
    new ZenooCacheMetrics(failing, Tags.empty(), Duration.ZERO).bindTo(registry);
    real.put("a", "1");
    assertThat(gauge("zenoo.cache.size", "m.closed")).isEqualTo(1d);

    snapshots.set(-1_000); // the proxy below throws while negative

    assertThat(gauge("zenoo.cache.size", "m.closed")).isNaN();
    assertThat(gauge("zenoo.cache.hit.rate", "m.closed")).isNaN();
    Reference.reachabilityFence(failing); // the meters hold it weakly
  }

  /**
   * Returns the cache seen through a proxy that counts {@code stats()} calls, and throws an
   * {@code IllegalStateException} from them while the count is negative.
   */
  @SuppressWarnings("unchecked")
  private static ZenooCache<String, String> countingStats(ZenooCache<String, String> cache, AtomicInteger calls) {
    return (ZenooCache<String, String>)
        Proxy.newProxyInstance(
            ZenooCache.class.getClassLoader(),
            new Class<?>[] {ZenooCache.class},
            (proxy, method, args) -> {
              if (method.getName().equals("stats")) {
                if (calls.getAndIncrement() < 0) {
                  throw new IllegalStateException("Cache m.closed is closed");
                }
              }
              try {
                return method.invoke(cache, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
