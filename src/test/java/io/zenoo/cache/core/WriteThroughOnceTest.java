package io.zenoo.cache.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.management.CacheStatistics;
import io.zenoo.cache.testing.RecordingListener;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriter;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Write-through on Redis calls the {@code CacheWriter} once per call, whatever the store repeats underneath:
 * a lost compare-and-set (another client wrote the key between the read and the write), or a remote write
 * that timed out and was then served by the fallback. Events and statistics come out once too.
 *
 * <p>Two managers on one server have separate stores (separate stripe locks), so their writes of one key
 * conflict as two JVMs' would.
 */
@ExtendWith(RedisExtension.class)
class WriteThroughOnceTest {

  /** Short timeouts, a circuit that one failure does not open, and the fallback on (the default). */
  private static final String FAST =
      "socket_timeout=0.5&socket_connect_timeout=0.5&retry_attempts=2&retry_backoff_base=0.02"
          + "&retry_backoff_max=0.2&circuit_breaker_threshold=50&circuit_breaker_timeout=0.5"
          + "&health_check_interval=0.2";

  private final CachingProvider provider = Caching.getCachingProvider();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private RedisServer server;

  @BeforeEach
  void setUp(RedisServer server) {
    this.server = server;
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private CacheManager manager(RedisServer on) {
    return manager(on, "");
  }

  private CacheManager manager(RedisServer on, String more) {
    CacheManager manager = provider.getCacheManager(
        URI.create(on.uri() + "?" + FAST + more), new ClassLoader(getClass().getClassLoader()) {});
    resources.add(manager::close);
    return manager;
  }

  /** Returns the cache of the manager, write-through to the writer, with the listener if not null. */
  @SuppressWarnings("unchecked")
  private static ZenooCache<String, String> cache(
      CacheManager manager, String name, CountingWriter writer, RecordingListener<String, String> listener) {
    MutableConfiguration<String, String> configuration = new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setStatisticsEnabled(true)
        .setWriteThrough(true)
        .setCacheWriterFactory(FactoryBuilder.factoryOf(writer));
    if (listener != null) {
      configuration.addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
          FactoryBuilder.factoryOf(listener), null, /* isOldValueRequired= */ true, /* isSynchronous= */ true));
    }
    return manager.createCache(name, configuration).unwrap(ZenooCache.class);
  }

  /** Returns the plain cache (no writer, no listener) of another manager: the "other JVM". */
  @SuppressWarnings("unchecked")
  private static ZenooCache<String, String> plainCache(CacheManager manager, String name) {
    return manager.createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class))
        .unwrap(ZenooCache.class);
  }

  private static CacheStatistics statistics(ZenooCache<String, String> cache) {
    return cache.unwrap(CacheEngine.class).statistics();
  }

  @Test
  void concurrentPuts_fromTwoManagers_writerRecordsEveryReturnedValueExactlyOnce() throws Exception {
    CountingWriter[] writers = {new CountingWriter(), new CountingWriter()};
    List<ZenooCache<String, String>> caches = List.of(
        cache(manager(server), "contended", writers[0], null), cache(manager(server), "contended", writers[1], null));
    List<String> returned = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    resources.add(pool::shutdownNow);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      ZenooCache<String, String> cache = caches.get(t % 2);
      int thread = t;
      futures.add(pool.submit((Callable<Void>) () -> {
        for (int i = 0; i < 400; i++) {
          String value = "t" + thread + "-" + i;
          cache.put("k" + (i % 3), value);
          returned.add(value);
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }

    Map<String, Integer> written = new ConcurrentHashMap<>();
    for (CountingWriter writer : writers) {
      writer.calls().forEach(call -> written.merge(call.substring(call.indexOf('=') + 1), 1, Integer::sum));
    }
    assertThat(returned).hasSize(1_600);
    Map<String, Integer> notOnce = new java.util.TreeMap<>();
    for (String value : returned) {
      int times = written.getOrDefault(value, 0);
      if (times != 1) {
        notOnce.put(value, times);
      }
    }
    assertThat(notOnce).as("values a returning put wrote, by how often the writer saw them").isEmpty();
    assertThat(written.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_600);
    assertThat(statistics(caches.get(0)).getCachePuts() + statistics(caches.get(1)).getCachePuts())
        .as("puts counted").isEqualTo(1_600);
  }

  /** One row: how the key starts, the operation, the writer calls, event types and statistics it must cause. */
  static Stream<Arguments> conflicts() {
    return Stream.of(
        row("put", "a", "x", c -> c.put("k", "v"), "write k=v", "UPDATED", "0/0/1/0", "v"),
        row("put absent", null, "x", c -> c.put("k", "v"), "write k=v", "UPDATED", "0/0/1/0", "v"),
        row("getAndPut", "a", "x", c -> c.getAndPut("k", "v"), "write k=v", "UPDATED", "1/0/1/0", "v"),
        row("remove", "a", "x", c -> c.remove("k"), "delete k", "REMOVED", "0/0/0/1", null),
        row("getAndRemove", "a", "x", c -> c.getAndRemove("k"), "delete k", "REMOVED", "1/0/0/1", null),
        row("replace", "a", "x", c -> c.replace("k", "v"), "write k=v", "UPDATED", "1/0/1/0", "v"),
        row("getAndReplace", "a", "x", c -> c.getAndReplace("k", "v"), "write k=v", "UPDATED", "1/0/1/0", "v"),
        row("replace(k,o,n)", "a", "a", c -> c.replace("k", "a", "v"), "write k=v", "UPDATED", "1/0/1/0", "v"),
        row("remove(k,o)", "a", "a", c -> c.remove("k", "a"), "delete k", "REMOVED", "1/0/0/1", null),
        row("invoke set", "a", "x", c -> c.invoke("k", (e, args) -> {
          e.setValue("v");
          return null;
        }), "write k=v", "UPDATED", "1/0/1/0", "v"));
  }

  private static Arguments row(
      String name, String initial, String conflicting, Consumer<ZenooCache<String, String>> operation,
      String writerCall, String event, String stats, String after) {
    return Arguments.of(name, initial, conflicting, operation, writerCall, event, stats, after);
  }

  /**
   * While the writer runs (between the read and the compare-and-set of the first attempt), another manager
   * writes the key, so the compare-and-set is lost and the decision runs again on the new entry, reaching the
   * same outcome. The writer must have been called once, one event published, one put or removal counted.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("conflicts")
  void lostCompareAndSet_duringWriterCall_writerEventAndStatisticOnce(
      String name, String initial, String conflicting, Consumer<ZenooCache<String, String>> operation,
      String writerCall, String event, String stats, String after) {
    String cacheName = "conflict-" + name.replaceAll("[^a-zA-Z]", "");
    CountingWriter writer = new CountingWriter();
    RecordingListener<String, String> listener = new RecordingListener<>();
    ZenooCache<String, String> cache = cache(manager(server), cacheName, writer, listener);
    ZenooCache<String, String> other = plainCache(manager(server), cacheName);
    if (initial != null) {
      other.put("k", initial);
    }
    AtomicBoolean interfered = new AtomicBoolean();
    writer.onCall(call -> {
      if (interfered.compareAndSet(false, true)) {
        other.put("k", conflicting); // a new version under the key: the pending compare-and-set loses
      }
    });
    statistics(cache).clear();

    operation.accept(cache);

    assertThat(interfered).as("the conflict was injected").isTrue();
    assertThat(writer.calls()).as("writer calls").containsExactly(writerCall);
    assertThat(listener.drain()).as("events").hasSize(1).allMatch(e -> e.startsWith(event + " k "));
    CacheStatistics s = statistics(cache);
    assertThat(s.getCacheHits() + "/" + s.getCacheMisses() + "/" + s.getCachePuts() + "/" + s.getCacheRemovals())
        .as("hits/misses/puts/removals").isEqualTo(stats);
    assertThat(other.get("k")).as("what Redis holds afterwards").isEqualTo(after);
  }

  /**
   * An entry processor increments the value; while the writer takes its first result, another client
   * changes the entry, so the processor runs again on the new value. The writer then receives the re-run's
   * result too (it differs), and the last value it received is what the cache holds; one event, one put.
   */
  @Test
  void processorRerunOnAChangedEntry_writerReceivesTheRerunsResult_recordEndsEqualToTheCache() {
    CountingWriter writer = new CountingWriter();
    RecordingListener<String, String> listener = new RecordingListener<>();
    ZenooCache<String, String> cache = cache(manager(server), "rerun", writer, listener);
    ZenooCache<String, String> other = plainCache(manager(server), "rerun");
    other.put("k", "1");
    AtomicBoolean interfered = new AtomicBoolean();
    writer.onCall(call -> {
      if (interfered.compareAndSet(false, true)) {
        other.put("k", "5");
      }
    });
    statistics(cache).clear();

    cache.invoke("k", (entry, args) -> {
      entry.setValue(String.valueOf(Integer.parseInt(entry.getValue()) + 1));
      return null;
    });

    assertThat(writer.calls()).containsExactly("write k=2", "write k=6");
    assertThat(other.get("k")).isEqualTo("6");
    assertThat(listener.drain()).containsExactly("UPDATED k 5->6");
    assertThat(statistics(cache).getCachePuts()).isEqualTo(1);
  }

  /**
   * The writer freezes the server (SIGSTOP) while a put is between its read and its compare-and-set: the
   * compare-and-set times out with an unknown outcome and the fallback serves the put. The writer must have
   * been called once, one event published, one put counted, and the cache must answer with the value
   * (replayed to Redis on recovery).
   */
  @Test
  void remoteWriteTimesOut_afterWriterCall_fallbackServes_writerEventAndStatisticOnce() {
    RedisServer frozen = RedisServer.start();
    resources.add(frozen);
    CountingWriter writer = new CountingWriter();
    RecordingListener<String, String> listener = new RecordingListener<>();
    ZenooCache<String, String> cache = cache(manager(frozen, "&fallback_reconcile=replay"), "frozen", writer, listener);
    cache.put("warm", "up");
    writer.calls();
    listener.drain();
    statistics(cache).clear();
    AtomicBoolean paused = new AtomicBoolean();
    writer.onCall(call -> {
      if (paused.compareAndSet(false, true)) {
        frozen.pause();
      }
    });

    try {
      cache.put("k", "v");
    } finally {
      if (frozen.isPaused()) {
        frozen.resume();
      }
    }

    assertThat(paused).as("the server was frozen under the write").isTrue();
    assertThat(writer.calls()).as("writer calls").containsExactly("write warm=up", "write k=v");
    assertThat(listener.drain()).as("events").containsExactly("CREATED k -->v");
    assertThat(statistics(cache).getCachePuts()).as("puts counted").isEqualTo(1);
    assertThat(cache.get("k")).isEqualTo("v");
  }

  /** A CacheWriter that records "write k=v" and "delete k", and runs a hook on each call before recording. */
  static final class CountingWriter implements CacheWriter<String, String>, Serializable {

    private static final long serialVersionUID = 1L;
    private final transient List<String> calls = new CopyOnWriteArrayList<>();
    private transient volatile Consumer<String> hook = call -> {};

    void onCall(Consumer<String> hook) {
      this.hook = hook;
    }

    List<String> calls() {
      return new ArrayList<>(calls);
    }

    private void record(String call) {
      hook.accept(call);
      calls.add(call);
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      record("write " + entry.getKey() + "=" + entry.getValue());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      for (Cache.Entry<? extends String, ? extends String> e : new ArrayList<>(entries)) {
        write(e);
        entries.remove(e);
      }
    }

    @Override
    public void delete(Object key) {
      record("delete " + key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      for (Object key : new ArrayList<>(keys)) {
        delete(key);
        keys.remove(key);
      }
    }
  }
}
