package io.zenoo.cache.redis;

import io.zenoo.cache.store.StoreAccessException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.serialization.Codec;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreContractTest;
import io.zenoo.cache.store.StoreEntry;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisStore} against the store contract, on one real {@code redis-server} for the class, flushed
 * before each test. Values are UTF-8 payloads. The wall clock the store converts expiry with is derived from
 * the test's fake clock, so moving the clock moves both. The sharing store uses a client of its own (other
 * socket timeout, so another shared client and connection), as another JVM would.
 */
class RedisStoreContractTest extends StoreContractTest {

  @RegisterExtension
  static final RedisExtension REDIS = RedisExtension.builder().flushAllBeforeEach(true).build();

  private static final String NAMESPACE = "contract";
  private static final String CACHE = "store";
  private static final long WALL_CLOCK_ORIGIN_MILLIS = 1_700_000_000_000L;
  private static final long GRACE_MILLIS = 60_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration OTHER_JVM_TIMEOUT = Duration.ofSeconds(6);

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

  private static RedisServer server;

  @BeforeAll
  static void server(RedisServer started) {
    server = started;
  }

  @Override
  protected Store<String, Object> openStore() {
    return store(TIMEOUT, NAMESPACE, CACHE);
  }

  @Override
  protected Optional<Store<String, Object>> openSharingStore() {
    return Optional.of(store(OTHER_JVM_TIMEOUT, NAMESPACE, CACHE));
  }

  @Override
  protected List<Store<String, Object>> openNeighbours() {
    return List.of(store(TIMEOUT, NAMESPACE, "other-cache"), store(TIMEOUT, "other-namespace", CACHE));
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
                server.uri().toString(), socketTimeout, TIMEOUT, null, null, Duration.ofMillis(50), Duration.ofSeconds(1)));
    LongSupplier wallClock = () -> WALL_CLOCK_ORIGIN_MILLIS + Math.floorDiv(clock.nanos(), 1_000_000L);
    return wrap(
        new RedisStore<>(
            lease, new RedisKeys<>(namespace, cacheName, String.class, STRING_KEYS), clock, wallClock, GRACE_MILLIS),
        clock);
  }

  /** Returns the store the contract runs against, built over the Redis store; the Redis store itself here. */
  protected Store<String, Object> wrap(RedisStore<String> redis, Clock clock) {
    return redis;
  }

  // ---------------------------------------------------------------- Redis only

  @Test
  void compute_finiteExpiry_setsANativeTtlAGracePeriodLonger() throws Exception {
    put("finite", "v", at(Duration.ofSeconds(10)));
    put("never", "v", StoreEntry.NEVER);

    assertThat((Long) server.command("PTTL", "contract:store:finite"))
        .isBetween(10_000L + GRACE_MILLIS - 5_000L, 10_000L + GRACE_MILLIS);
    assertThat(server.command("PTTL", "contract:store:never")).isEqualTo(-1L);
  }

  @Test
  void compute_foreignBytesUnderTheKey_areHandedUpAsIsAndOverwritten() throws Exception {
    server.command("SET", "contract:store:k", "not an envelope");
    // handed up with the raw bytes as payload: the engine's codec fails on them and counts a decode error
    StoreEntry<Object> foreign = store().get("k");
    assertThat(foreign).isNotNull();
    assertThat(text(foreign.value())).isEqualTo("not an envelope");
    assertThat(foreign.expireAt()).isEqualTo(StoreEntry.NEVER);

    put("k", "v1", StoreEntry.NEVER);

    assertEntry(store().get("k"), "v1", StoreEntry.NEVER);
  }

  @Test
  void clear_leavesKeysOutsideTheCache_evenWhenItsNameIsAGlob() throws Exception {
    Store<String, Object> glob = store(TIMEOUT, NAMESPACE, "st*");
    try {
      glob.compute("k", current -> entry("mine", StoreEntry.NEVER));
      put("k", "theirs", StoreEntry.NEVER);
      server.command("SET", "unrelated", "x");

      glob.clear();

      assertThat(glob.get("k")).isNull();
      assertEntry(store().get("k"), "theirs", StoreEntry.NEVER);
      assertThat(server.command("GET", "unrelated")).isEqualTo("x");
    } finally {
      glob.close();
    }
  }

  // -------- two stores over the same data (two clients, as two JVMs): Redis only

  @Test
  void compute_otherStoreWritesBetweenRemapAndCommit_discardsAndRemapsOnTheNewValue() throws Exception {
    Store<String, Object> other = sharingStore();
    put("k", "1", StoreEntry.NEVER);
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger remaps = new AtomicInteger();
    Store.Remapping<Object> increment =
        new Store.Remapping<>() {
          @Override
          public @Nullable StoreEntry<Object> remap(@Nullable StoreEntry<Object> current) {
            calls.add("remap(" + describe(current) + ")");
            if (remaps.incrementAndGet() == 1) {
              // another JVM writes the key after this decision was taken, before it is committed
              try {
                other.compute("k", c -> entry("10", StoreEntry.NEVER));
              } catch (StoreAccessException e) {
                throw new IllegalStateException(e);
              }
            }
            int counter = Integer.parseInt(text(current.value()));
            return entry(Integer.toString(counter + 1), StoreEntry.NEVER);
          }

          @Override
          public void committed() {
            calls.add("committed");
          }

          @Override
          public void discarded() {
            calls.add("discarded");
          }
        };

    StoreEntry<Object> result = store().compute("k", increment);

    assertThat(calls).containsExactly("remap(1)", "discarded", "remap(10)", "committed");
    assertEntry(result, "11", StoreEntry.NEVER);
    assertEntry(store().get("k"), "11", StoreEntry.NEVER);
    assertEntry(other.get("k"), "11", StoreEntry.NEVER);
  }

  @Test
  void compute_onOneStore_isSeenByTheOtherWithTheSameExpiry() throws Exception {
    Store<String, Object> other = sharingStore();
    long expireAt = at(Duration.ofSeconds(30));

    put("k", "v1", expireAt);

    assertEntry(other.get("k"), "v1", expireAt);
    other.compute("k", current -> null);
    assertThat(store().get("k")).isNull();
  }

  @Test
  void updateExpiry_afterOtherStoreWrote_keepsThatWrite() throws Exception {
    Store<String, Object> other = sharingStore();
    put("k", "v1", at(Duration.ofSeconds(10)));
    StoreEntry<Object> read = store().get("k");
    other.compute("k", current -> entry("v2", at(Duration.ofSeconds(20))));

    store().updateExpiry("k", read, at(Duration.ofSeconds(99)));

    assertEntry(store().get("k"), "v2", at(Duration.ofSeconds(20)));
  }
}
