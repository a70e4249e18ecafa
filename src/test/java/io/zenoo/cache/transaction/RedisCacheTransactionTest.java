package io.zenoo.cache.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testing.RecordingListener;
import io.zenoo.cache.testing.TestCaches;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import io.zenoo.cache.testkit.RespConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cache transactions on RedisCache against a real {@code redis-server} from the test kit: a commit is one
 * {@code MULTI ... EXEC} that other clients see whole or not at all, a rollback sends nothing, and the
 * entries written are ordinary entries (envelope, native TTL) that any client of the cache reads.
 */
@ExtendWith(RedisExtension.class)
class RedisCacheTransactionTest {

  private static final Pattern GENERATION = Pattern.compile("gen-(\\d+)");

  private final List<CacheManager> managers = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private RedisServer server;

  @BeforeEach
  void setUp(RedisServer server) {
    this.server = server;
  }

  @AfterEach
  void tearDown() {
    CacheTransaction.current().ifPresent(CacheTransaction::close);
    pool.shutdownNow();
    managers.forEach(CacheManager::close);
  }

  /** Returns a manager with a client of its own, as another JVM would have. */
  private CacheManager manager(String parameters) {
    URI uri = URI.create(server.uri() + (parameters.isEmpty() ? "" : "?" + parameters));
    CacheManager manager =
        Caching.getCachingProvider().getCacheManager(uri, new ClassLoader(getClass().getClassLoader()) {});
    managers.add(manager);
    return manager;
  }

  @SuppressWarnings("unchecked")
  private ZenooCache<String, String> cache(CacheManager manager, String name) {
    Cache<String, String> existing = manager.getCache(name, String.class, String.class);
    Cache<String, String> cache = existing != null ? existing
        : manager.createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    return cache.unwrap(ZenooCache.class);
  }

  @Test
  void commit_isOneMultiExec_andOtherClientsReadTheEntries() {
    String name = "commit-" + UUID.randomUUID();
    ZenooCache<String, String> cache = cache(manager(""), name);
    ZenooCache<String, String> otherJvm = cache(manager(""), name);
    cache.put("removed", "r");
    server.command("CONFIG", "RESETSTAT");

    try (CacheTransaction tx = CacheTransaction.begin()) {
      cache.put("a", "1");
      cache.put("b", "2", Duration.ofMinutes(5));
      cache.remove("removed");
      tx.commit();
    }

    String stats = String.valueOf(server.command("INFO", "commandstats"));
    assertThat(stats).contains("cmdstat_multi:calls=1,").contains("cmdstat_exec:calls=1,");
    assertThat(otherJvm.getAll(Set.of("a", "b", "removed"))).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(server.command("EXISTS", "zenoo:" + name + ":removed")).isEqualTo(0L);
    assertThat((Long) server.command("PTTL", "zenoo:" + name + ":a")).as("eternal policy: no TTL").isEqualTo(-1L);
    assertThat((Long) server.command("PTTL", "zenoo:" + name + ":b")).as("put with a TTL").isPositive();
  }

  @Test
  void commit_takesTheExpiryPolicysCreationExpiry_asANativeTtl() {
    String name = "expiry-" + UUID.randomUUID();
    @SuppressWarnings("unchecked")
    ZenooCache<String, String> cache = manager("").createCache(name, new MutableConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_HOUR)))
        .unwrap(ZenooCache.class);

    try (CacheTransaction tx = CacheTransaction.begin()) {
      cache.put("k", "v");
      tx.commit();
    }

    long pttl = (Long) server.command("PTTL", "zenoo:" + name + ":k");
    assertThat(pttl).isPositive().isGreaterThan(Duration.ofMinutes(59).toMillis());
    assertThat(cache.get("k")).isEqualTo("v");
  }

  @Test
  void pendingWrites_areInvisibleToOtherClients_untilCommit_andTheTransactionReadsItsOwn() {
    String name = "pending-" + UUID.randomUUID();
    ZenooCache<String, String> cache = cache(manager(""), name);
    ZenooCache<String, String> otherJvm = cache(manager(""), name);
    cache.put("removed", "r");

    CacheTransaction tx = CacheTransaction.begin();
    cache.put("k", "v");
    cache.remove("removed");

    assertThat(cache.get("k")).isEqualTo("v");
    assertThat(cache.containsKey("removed")).isFalse();
    assertThat(cache.getAll(Set.of("k", "removed"))).isEqualTo(Map.of("k", "v"));
    assertThat(otherJvm.get("k")).isNull();
    assertThat(otherJvm.get("removed")).isEqualTo("r");
    assertThat(server.command("EXISTS", "zenoo:" + name + ":k")).isEqualTo(0L);

    tx.commit();

    assertThat(otherJvm.get("k")).isEqualTo("v");
    assertThat(otherJvm.get("removed")).isNull();
  }

  @Test
  void rollback_sendsNoWriteToRedis() {
    String name = "rollback-" + UUID.randomUUID();
    ZenooCache<String, String> cache = cache(manager(""), name);
    cache.put("kept", "k");
    server.command("CONFIG", "RESETSTAT");

    try (CacheTransaction tx = CacheTransaction.begin()) {
      cache.put("k", "v");
      cache.remove("kept");
      tx.rollback();
    }

    String stats = String.valueOf(server.command("INFO", "commandstats"));
    assertThat(stats).doesNotContain("cmdstat_multi").doesNotContain("cmdstat_exec")
        .doesNotContain("cmdstat_set:").doesNotContain("cmdstat_del:");
    assertThat(cache.get("kept")).isEqualTo("k");
    assertThat(cache.get("k")).isNull();
  }

  /**
   * A reader on a raw connection of its own reads all the keys of the transactions at once (MGET) while
   * commit after commit rewrites every key with the commit's generation: each read must show one
   * generation for all keys (or none yet), never a mix, which a key-by-key commit would show.
   */
  @Test
  void concurrentReader_seesAllOrNoneOfEveryCommit() throws Exception {
    String name = "atomic-" + UUID.randomUUID();
    ZenooCache<String, String> cache = cache(manager(""), name);
    int keys = 20;
    int commits = 40;
    String[] mget = new String[keys + 1];
    mget[0] = "MGET";
    for (int i = 0; i < keys; i++) {
      mget[i + 1] = "zenoo:" + name + ":k" + i;
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    Future<List<String>> reader = pool.submit(() -> {
      List<String> mixed = new ArrayList<>();
      try (RespConnection connection = server.connect()) {
        for (int reads = 0; writing.get() && reads < 1_000_000; reads++) {
          Set<String> generations = new TreeSet<>();
          for (Object value : (List<?>) connection.command(mget)) {
            generations.add(value == null ? "none" : generation(value.toString()));
          }
          if (generations.size() > 1) {
            mixed.add(generations.toString());
          }
        }
      }
      return mixed;
    });

    try {
      for (int generation = 1; generation <= commits; generation++) {
        try (CacheTransaction tx = CacheTransaction.begin()) {
          for (int i = 0; i < keys; i++) {
            cache.put("k" + i, "gen-" + generation);
          }
          tx.commit();
        }
      }
    } finally {
      writing.set(false);
    }

    assertThat(reader.get()).as("reads that saw a commit half applied").isEmpty();
    assertThat(cache.get("k0")).isEqualTo("gen-" + commits);
    assertThat(cache.get("k" + (keys - 1))).isEqualTo("gen-" + commits);
  }

  private static String generation(String envelope) {
    Matcher m = GENERATION.matcher(envelope);
    String last = "unreadable";
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  @Test
  void events_atCommit_carryTheOldValuesTheTransactionReplaced() {
    String name = "events-" + UUID.randomUUID();
    ZenooCache<String, String> cache = cache(manager(""), name);
    RecordingListener<String, String> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(listener), null, /* oldValueRequired= */ true, /* synchronous= */ true));
    cache.put("updated", "1");
    cache.put("removed", "r");
    listener.drain();

    try (CacheTransaction tx = CacheTransaction.begin()) {
      cache.put("updated", "2");
      cache.remove("removed");
      cache.put("created", "c");
      tx.commit();
    }

    assertThat(listener.drain())
        .containsExactlyInAnyOrder("UPDATED updated 1->2", "REMOVED removed r->r", "CREATED created -->c");
  }

  @Test
  void redisUnreachableAtCommit_failsTheCommit_sayingWhichCachesWereApplied() {
    try (TestCaches memory = new TestCaches()) {
      ZenooCache<String, String> first =
          memory.create(new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      // without the fallback, which would otherwise take the batch while Redis is frozen
      ZenooCache<String, String> redis = cache(manager("socket_timeout=0.5&socket_connect_timeout=0.5"
              + "&enable_fallback=false"),
          "unreachable-" + UUID.randomUUID());
      redis.put("warm", "up");

      CacheTransaction tx = CacheTransaction.begin();
      first.put("k", "v");
      redis.put("k", "v");
      server.pause();
      try {
        assertThatThrownBy(tx::commit)
            .isInstanceOf(CacheTransactionException.class)
            .hasMessageContaining("commit failed at cache " + redis.getName())
            .hasMessageContaining("caches applied before it: [" + first.getName() + "]");
      } finally {
        server.resume();
      }
      assertThat(tx.status()).isEqualTo(CacheTransaction.Status.FAILED);
      assertThat(first.get("k")).isEqualTo("v");
    }
  }
}
