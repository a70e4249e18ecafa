package io.zenoo.cache.redis;

import io.zenoo.cache.serialization.Codec;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreContractTest;
import io.zenoo.cache.testkit.RedisCluster;
import io.zenoo.cache.testkit.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link RedisStore} against the store contract on a real Redis Cluster of 3 masters and 3 replicas (one
 * for the class, every master flushed before each test), through the seed-list URL: the same contract as
 * on one server, so bulk reads, bulk writes ({@code MULTI ... EXEC} per slot), clear, size and iteration
 * must work with the keys spread over every slot. The sharing store has a cluster client of its own, as
 * another JVM would.
 */
class RedisClusterStoreContractTest extends StoreContractTest {

  private static final long WALL_CLOCK_ORIGIN_MILLIS = 1_700_000_000_000L;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final Codec<String> STRING_KEYS =
      new Codec<>() {
        @Override
        public byte[] encode(String value) {
          throw new UnsupportedOperationException("string keys are written as they read");
        }

        @Override
        public String decode(byte[] bytes) {
          throw new UnsupportedOperationException("string keys are read as they are written");
        }
      };

  private static RedisCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = RedisCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void flushMasters() {
    for (RedisServer master : cluster.masters()) {
      master.flushAll();
    }
  }

  @Override
  protected Store<String, Object> openStore() {
    return store(TIMEOUT, "contract", "store");
  }

  @Override
  protected Optional<Store<String, Object>> openSharingStore() {
    return Optional.of(store(Duration.ofSeconds(6), "contract", "store"));
  }

  @Override
  protected List<Store<String, Object>> openNeighbours() {
    return List.of(store(TIMEOUT, "contract", "other-cache"), store(TIMEOUT, "other-namespace", "store"));
  }

  @Override
  protected Object value(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected String text(Object stored) {
    return new String((byte[]) stored, StandardCharsets.UTF_8);
  }

  private Store<String, Object> store(Duration socketTimeout, String namespace, String cacheName) {
    SharedClients.Lease lease =
        SharedClients.acquire(
            new SharedClients.Settings(
                cluster.uri().toString(), socketTimeout, TIMEOUT, null, null, Duration.ofMillis(50),
                Duration.ofSeconds(1)));
    LongSupplier wallClock = () -> WALL_CLOCK_ORIGIN_MILLIS + Math.floorDiv(clock.nanos(), 1_000_000L);
    return new RedisStore<>(
        lease, new RedisKeys<>(namespace, cacheName, String.class, STRING_KEYS), clock, wallClock, 60_000);
  }
}
