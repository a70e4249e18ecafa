package io.zenoo.cache.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.config.RedisCacheConfiguration;
import io.zenoo.cache.management.CacheStatistics;
import io.zenoo.cache.testing.CountingExpiryPolicy;
import io.zenoo.cache.testing.FakeClock;
import io.zenoo.cache.testing.RecordingListener;
import io.zenoo.cache.testing.TestCaches;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec's tables, one row per operation and starting state: which expiry method is called, which
 * events are published, which statistics move. The TCK checks many of these too; this keeps them
 * explicit and fast to run, on every backend: memory, and Redis (a real server), where writes that depend
 * on the entry go through the compare-and-set path.
 */
@ExtendWith(RedisExtension.class)
class SpecTablesTest {

  /** The backends every row runs on. */
  enum Backend {
    MEMORY,
    REDIS
  }

  private static RedisServer server;

  private final FakeClock clock = new FakeClock();
  private final CountingExpiryPolicy expiry = new CountingExpiryPolicy();
  private final RecordingListener<Integer, String> listener = new RecordingListener<>();
  private TestCaches caches;
  private ZenooCache<Integer, String> cache;

  @BeforeAll
  static void startRedis(RedisServer redis) {
    server = redis;
  }

  private void createCache(Backend backend) {
    caches = new TestCaches();
    MutableCacheEntryListenerConfiguration<Integer, String> listening = new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(listener), null, /* isOldValueRequired= */ true, /* isSynchronous= */ true);
    cache = backend == Backend.MEMORY
        ? caches.create(TestCaches.memory(Integer.class, String.class, clock)
            .expiryPolicyFactory(FactoryBuilder.factoryOf(expiry))
            .statisticsEnabled(true)
            .addListener(listening)
            .build())
        : caches.create(RedisCacheConfiguration.builder(Integer.class, String.class)
            .url(server.uri().toString())
            .clock(clock)
            .expiryPolicyFactory(FactoryBuilder.factoryOf(expiry))
            .statisticsEnabled(true)
            .addListener(listening)
            .build());
  }

  @AfterEach
  void tearDown() {
    if (caches != null) {
      caches.close();
    }
  }

  /** Returns every row once per backend, the backend first. */
  static Stream<Arguments> rowsPerBackend() {
    List<Arguments> all = new ArrayList<>();
    for (Backend backend : Backend.values()) {
      rows().forEach(row -> {
        Object[] values = row.get();
        Object[] withBackend = new Object[values.length + 1];
        withBackend[0] = backend;
        System.arraycopy(values, 0, withBackend, 1, values.length);
        all.add(Arguments.of(withBackend));
      });
    }
    return all.stream();
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row("get present", true, c -> c.get(1), "0/0/1", List.of(), "1/0/0/0"),
        row("get absent", false, c -> c.get(1), "0/0/0", List.of(), "0/1/0/0"),
        row("containsKey present", true, c -> c.containsKey(1), "0/0/0", List.of(), "0/0/0/0"),
        row("put absent", false, c -> c.put(1, "b"), "1/0/0", List.of("CREATED 1 -->b"), "0/0/1/0"),
        row("put present", true, c -> c.put(1, "b"), "0/1/0", List.of("UPDATED 1 a->b"), "0/0/1/0"),
        row("getAndPut present", true, c -> c.getAndPut(1, "b"), "0/1/0", List.of("UPDATED 1 a->b"), "1/0/1/0"),
        row("getAndPut absent", false, c -> c.getAndPut(1, "b"), "1/0/0", List.of("CREATED 1 -->b"), "0/1/1/0"),
        row("putIfAbsent absent", false, c -> c.putIfAbsent(1, "b"), "1/0/0", List.of("CREATED 1 -->b"), "0/1/1/0"),
        row("putIfAbsent present", true, c -> c.putIfAbsent(1, "b"), "0/0/0", List.of(), "1/0/0/0"),
        row("remove present", true, c -> c.remove(1), "0/0/0", List.of("REMOVED 1 a->a"), "0/0/0/1"),
        row("remove absent", false, c -> c.remove(1), "0/0/0", List.of(), "0/0/0/0"),
        row("remove(k,v) match", true, c -> c.remove(1, "a"), "0/0/0", List.of("REMOVED 1 a->a"), "1/0/0/1"),
        row("remove(k,v) mismatch", true, c -> c.remove(1, "x"), "0/0/1", List.of(), "1/0/0/0"),
        row("remove(k,v) absent", false, c -> c.remove(1, "a"), "0/0/0", List.of(), "0/1/0/0"),
        row("getAndRemove present", true, c -> c.getAndRemove(1), "0/0/0", List.of("REMOVED 1 a->a"), "1/0/0/1"),
        row("getAndRemove absent", false, c -> c.getAndRemove(1), "0/0/0", List.of(), "0/1/0/0"),
        row("replace present", true, c -> c.replace(1, "b"), "0/1/0", List.of("UPDATED 1 a->b"), "1/0/1/0"),
        row("replace absent", false, c -> c.replace(1, "b"), "0/0/0", List.of(), "0/1/0/0"),
        row("replace(k,o,n) match", true, c -> c.replace(1, "a", "b"), "0/1/0", List.of("UPDATED 1 a->b"), "1/0/1/0"),
        row("replace(k,o,n) mismatch", true, c -> c.replace(1, "x", "b"), "0/0/1", List.of(), "1/0/0/0"),
        row("getAndReplace present", true, c -> c.getAndReplace(1, "b"), "0/1/0", List.of("UPDATED 1 a->b"), "1/0/1/0"),
        row("invoke set absent", false, c -> c.invoke(1, (e, a) -> { e.setValue("b"); return null; }),
            "1/0/0", List.of("CREATED 1 -->b"), "0/1/1/0"),
        row("invoke set present", true, c -> c.invoke(1, (e, a) -> { e.setValue("b"); return null; }),
            "0/1/0", List.of("UPDATED 1 a->b"), "1/0/1/0"),
        row("invoke read present", true, c -> c.invoke(1, (e, a) -> e.getValue()), "0/0/1", List.of(), "1/0/0/0"),
        row("invoke remove present", true, c -> c.invoke(1, (e, a) -> { e.remove(); return null; }),
            "0/0/0", List.of("REMOVED 1 a->a"), "1/0/0/1"),
        row("invoke remove absent", false, c -> c.invoke(1, (e, a) -> { e.remove(); return null; }),
            "0/0/0", List.of(), "0/1/0/0"),
        row("removeAll present", true, c -> c.removeAll(Set.of(1)), "0/0/0", List.of("REMOVED 1 a->a"), "0/0/0/1"),
        row("clear present", true, Cache::clear, "0/0/0", List.of(), "0/0/0/0"),
        row("iterate present", true, c -> {
          Iterator<Cache.Entry<Integer, String>> it = c.iterator();
          while (it.hasNext()) {
            it.next();
          }
        }, "0/0/1", List.of(), "1/0/0/0"));
  }

  private static Arguments row(
      String name, boolean present, Consumer<ZenooCache<Integer, String>> operation, String expiryCalls,
      List<String> events, String hitsMissesPutsRemovals) {
    return Arguments.of(name, present, operation, expiryCalls, events, hitsMissesPutsRemovals);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("rowsPerBackend")
  void operation_startingState_callsExpiryPublishesAndCounts(
      Backend backend, String name, boolean present, Consumer<ZenooCache<Integer, String>> operation,
      String expiryCalls, List<String> events, String stats) {
    createCache(backend);
    if (present) {
      cache.put(1, "a");
    }
    expiry.drain();
    listener.drain();
    CacheStatistics statistics = cache.unwrap(CacheEngine.class).statistics();
    statistics.clear();

    operation.accept(cache);

    assertThat(expiry.drain()).as("creation/update/access calls").isEqualTo(expiryCalls);
    assertThat(listener.drain()).as("events").isEqualTo(events);
    assertThat(statistics.getCacheHits() + "/" + statistics.getCacheMisses() + "/" + statistics.getCachePuts()
            + "/" + statistics.getCacheRemovals())
        .as("hits/misses/puts/removals")
        .isEqualTo(stats);
  }
}
