package io.zenoo.cache.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.memory.MemoryStore;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreAccessException.Kind;
import io.zenoo.cache.store.StoreEntry;
import io.zenoo.cache.store.StoreUnavailableException;
import io.zenoo.cache.testing.FakeClock;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The routing, fallback and reconciliation logic of {@link ResilientStore}, deterministic: the remote side is
 * an in-memory store the test can take down, and time is moved by the test. (Against real failing Redis
 * servers, see {@code io.zenoo.cache.redis.RedisFaultTest}.)
 */
class ResilientStoreTest {

  private static final Duration OPEN_FOR = Duration.ofSeconds(30);

  /** A remote store in memory that fails every call with the given kind while down. */
  static final class SwitchableRemote implements RemoteStore<String, Object> {
    final MemoryStore<String, Object> data = memory(1_000);
    volatile @Nullable Kind down;
    final AtomicInteger calls = new AtomicInteger();

    private void check() throws StoreAccessException {
      calls.incrementAndGet();
      Kind kind = down;
      if (kind != null) {
        throw new StoreAccessException("remote is down", new RuntimeException("down"), kind);
      }
    }

    @Override
    public void connect() throws StoreAccessException {
      check();
    }

    @Override
    public boolean isConnected() {
      return down == null;
    }

    @Override
    public void ping() throws StoreAccessException {
      check();
    }

    @Override
    public void invalidate(Collection<String> keys) throws StoreAccessException {
      check();
      for (String key : keys) {
        data.compute(key, current -> null);
      }
    }

    @Override
    public String server() {
      return "Redis at switchable";
    }

    @Override
    public @Nullable StoreEntry<Object> get(String key) throws StoreAccessException {
      check();
      return data.get(key);
    }

    @Override
    public @Nullable StoreEntry<Object> peek(String key) throws StoreAccessException {
      check();
      return data.peek(key);
    }

    @Override
    public @Nullable StoreEntry<Object> compute(String key, Remapping<Object> remapping) throws StoreAccessException {
      check();
      return data.compute(key, remapping);
    }

    @Override
    public void updateExpiry(String key, StoreEntry<Object> entry, long expireAt) throws StoreAccessException {
      check();
      data.updateExpiry(key, entry, expireAt);
    }

    @Override
    public void clear() throws StoreAccessException {
      check();
      data.clear();
    }

    @Override
    public long size() {
      return data.size();
    }

    @Override
    public Iterator<? extends Map.Entry<String, ? extends StoreEntry<Object>>> iterator() {
      return data.iterator();
    }

    @Override
    public void close() {
      data.close();
    }
  }

  private final FakeClock clock = new FakeClock();
  private final CircuitTest.MovableClock circuitClock = new CircuitTest.MovableClock();
  private final SwitchableRemote remote = new SwitchableRemote();
  private ResilientStore<String, Object> store;

  private ResilientStore<String, Object> store(boolean fallback, boolean replay, int journalLimit) {
    store = ResilientStore.create(
        remote, memory(100), settings(fallback, replay, journalLimit), clock, circuitClock, nanos -> {});
    return store;
  }

  /** Two attempts 1 ms apart, two failures open the circuit for {@link #OPEN_FOR}, hourly health checks. */
  private static ResilienceSettings settings(boolean fallback, boolean replay, int journalLimit) {
    return new ResilienceSettings(
        2, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), 2, OPEN_FOR, Duration.ofHours(1),
        fallback, replay, journalLimit);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  static MemoryStore<String, Object> memory(long maxSize) {
    return MemoryStore.create(maxSize, 0, io.zenoo.cache.store.Clock.system(), (k, v) -> 1,
        new Store.RemovalListener<>() {
          @Override
          public void onEviction(String key, StoreEntry<Object> entry) {}

          @Override
          public void onExpiration(String key, StoreEntry<Object> entry) {}
        });
  }

  private void breakRemote(Kind kind) throws StoreAccessException {
    remote.down = kind;
    // two failed operations open the circuit
    store.get("probe-1");
    store.get("probe-2");
    assertThat(store.circuitState()).isEqualTo("open");
  }

  private void healRemote() {
    remote.down = null;
    circuitClock.advance(OPEN_FOR.plusMillis(1));
  }

  private static @Nullable Object value(@Nullable StoreEntry<Object> entry) {
    return entry == null ? null : entry.value();
  }

  @Test
  void outage_servesFromTheFallback_andAfterRecoveryTheOldRemoteValueIsNeverRead() throws Exception {
    store(true, false, 1_000);
    store.put("k", "before", StoreEntry.NEVER);
    store.put("untouched", "kept", StoreEntry.NEVER);
    breakRemote(Kind.TIMEOUT);

    store.put("k", "during", StoreEntry.NEVER);
    assertThat(value(store.get("k"))).isEqualTo("during");
    assertThat(value(remote.data.get("k"))).as("Redis still holds the old value").isEqualTo("before");
    assertThat(store.isDegraded()).isTrue();
    assertThat(store.pendingReconciliation()).isEqualTo(1);
    int callsWhileOpen = remote.calls.get();
    store.get("k");
    assertThat(remote.calls).as("an open circuit sends nothing").hasValue(callsWhileOpen);

    healRemote();

    assertThat(store.get("k")).as("invalidated, not the value from before the outage").isNull();
    assertThat(remote.data.get("k")).isNull();
    assertThat(value(store.get("untouched"))).isEqualTo("kept");
    assertThat(store.isDegraded()).isFalse();
    assertThat(store.circuitState()).isEqualTo("closed");
    assertThat(store.fallbackHits()).isPositive();
    assertThat(store.circuitHistory()).containsExactly("closed→open", "open→half_open", "half_open→closed");
  }

  @Test
  void replay_writesTheFallbackValuesBack_withTheirExpiry_andRemovalsAsDeletes() throws Exception {
    store(true, true, 1_000);
    store.put("k", "before", StoreEntry.NEVER);
    store.put("gone", "before", StoreEntry.NEVER);
    breakRemote(Kind.UNREACHABLE);
    long expireAt = clock.nanos() + Duration.ofMinutes(5).toNanos();
    store.put("k", "during", expireAt);
    store.compute("gone", current -> null);

    healRemote();

    StoreEntry<Object> replayed = store.get("k");
    assertThat(value(replayed)).isEqualTo("during");
    assertThat(replayed.expireAt()).isEqualTo(expireAt);
    assertThat(value(remote.data.get("k"))).isEqualTo("during");
    assertThat(store.get("gone")).isNull();
    assertThat(remote.data.get("gone")).isNull();
  }

  @Test
  void aSingleFailedWrite_belowTheThreshold_isStillReconciledBeforeTheNextRead() throws Exception {
    store(true, false, 1_000);
    store.put("k", "before", StoreEntry.NEVER);
    remote.down = Kind.TIMEOUT;
    store.put("k", "during", StoreEntry.NEVER);
    assertThat(store.circuitState()).isEqualTo("closed");
    remote.down = null;

    assertThat(store.get("k")).isNull();
    assertThat(remote.data.get("k")).isNull();
  }

  @Test
  void clearDuringTheOutage_clearsTheRemoteCacheOnRecovery() throws Exception {
    store(true, false, 1_000);
    store.put("a", "1", StoreEntry.NEVER);
    store.put("b", "2", StoreEntry.NEVER);
    breakRemote(Kind.UNREACHABLE);
    store.clear();
    store.put("c", "3", StoreEntry.NEVER);

    healRemote();

    assertThat(store.get("a")).isNull();
    assertThat(store.get("b")).isNull();
    assertThat(store.get("c")).isNull();
    assertThat(remote.data.size()).isZero();
  }

  @Test
  void moreKeysThanTheJournalHolds_clearTheWholeRemoteCacheOnRecovery() throws Exception {
    store(true, false, 3);
    store.put("old", "before", StoreEntry.NEVER);
    breakRemote(Kind.UNREACHABLE);
    for (int i = 0; i < 10; i++) {
      store.put("k" + i, "during", StoreEntry.NEVER);
    }

    healRemote();

    assertThat(store.get("k7")).isNull();
    assertThat(store.get("old")).as("suspect too: the journal could not list every key").isNull();
  }

  @Test
  void withoutFallback_failuresAndTheOpenCircuitGiveAClearUnavailableError_withoutTouchingTheRemote() {
    store(false, false, 1_000);
    remote.down = Kind.UNREACHABLE;

    assertThatThrownBy(() -> store.get("k"))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("Redis at switchable is unavailable")
        .hasMessageContaining("remote is down");
    assertThatThrownBy(() -> store.put("k", "v", StoreEntry.NEVER)).isInstanceOf(StoreUnavailableException.class);
    int calls = remote.calls.get();

    assertThatThrownBy(() -> store.get("k"))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("circuit is open");
    assertThat(remote.calls).hasValue(calls);
    assertThat(store.getAsync("k").toCompletableFuture()).isCompletedExceptionally();
  }

  @Test
  void localFailure_duringTheHalfOpenProbe_neitherClosesNorReopensTheCircuit_andIsNotServedByTheFallback()
      throws Exception {
    store(true, false, 1_000);
    breakRemote(Kind.UNREACHABLE);
    circuitClock.advance(OPEN_FOR.plusMillis(1));
    remote.down = Kind.LOCAL; // e.g. a writer that gave up waiting for another local writer of the key
    long hitsBefore = store.fallbackHits();

    assertThatThrownBy(() -> store.get("k")).hasMessage("remote is down");
    assertThat(store.circuitState())
        .as("the server said nothing: the probe is still to come").isEqualTo("half_open");
    assertThat(store.fallbackHits()).isEqualTo(hitsBefore);

    remote.down = null;
    store.get("k");
    assertThat(store.circuitState()).isEqualTo("closed");
  }

  @Test
  void errorAnswers_reachTheCallerEvenWithAFallback_andLeaveTheCircuitClosed() {
    store(true, false, 1_000);
    remote.down = Kind.ERROR;

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> store.get("k")).isNotInstanceOf(StoreUnavailableException.class)
          .hasMessage("remote is down");
    }
    assertThat(remote.calls).as("never retried").hasValue(5);
    assertThat(store.circuitState()).isEqualTo("closed");
    assertThat(store.fallbackHits()).isZero();
  }

  @Test
  void connect_toADeadRemote_startsDegradedWithTheCircuitOpen_orFailsWithoutFallback() throws Exception {
    remote.down = Kind.UNREACHABLE;
    store(true, false, 1_000);
    store.connect();
    assertThat(store.circuitState()).isEqualTo("open");
    assertThat(store.isConnected()).isFalse();
    store.put("k", "v", StoreEntry.NEVER);
    assertThat(value(store.get("k"))).isEqualTo("v");

    healRemote();
    store.checkHealth();

    assertThat(store.circuitState()).as("healed by the health check, no caller needed").isEqualTo("closed");
    assertThat(store.isDegraded()).isFalse();
    assertThat(store.lastHealthCheck()).isEqualTo("ok");
    store.close();

    remote.down = Kind.UNREACHABLE;
    ResilientStore<String, Object> strict = store(false, false, 1_000);
    assertThatThrownBy(strict::connect).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void aTransactionBatchDuringTheOutage_isServedByTheFallback_andReconciled() throws Exception {
    store(true, false, 1_000);
    store.put("a", "before", StoreEntry.NEVER);
    store.put("b", "before", StoreEntry.NEVER);
    breakRemote(Kind.TIMEOUT);
    Map<String, @Nullable StoreEntry<Object>> batch = new java.util.HashMap<>();
    batch.put("a", StoreEntry.of("committed", StoreEntry.NEVER));
    batch.put("b", null);

    store.writeAll(batch);
    assertThat(value(store.get("a"))).isEqualTo("committed");
    assertThat(store.get("b")).isNull();
    assertThat(store.pendingReconciliation()).isEqualTo(2);

    healRemote();

    assertThat(store.get("a")).isNull();
    assertThat(store.get("b")).isNull();
    assertThat(remote.data.get("a")).isNull();
    assertThat(remote.data.get("b")).isNull();
  }

  @Test
  void asyncCalls_fallBackAndRecordTheirKeys_too() throws Exception {
    store(true, false, 1_000);
    store.put("k", "before", StoreEntry.NEVER);
    remote.down = Kind.UNREACHABLE;

    store.putAsync("k", "during", StoreEntry.NEVER).toCompletableFuture().get();
    assertThat(value(store.getAsync("k").toCompletableFuture().get())).isEqualTo("during");
    remote.down = null;
    circuitClock.advance(OPEN_FOR.plusMillis(1));

    assertThat(store.getAsync("k").toCompletableFuture().get()).isNull();
  }

  /**
   * A write served by the fallback while recovery runs its first rounds (writers not held off yet) must be
   * replayed: recovery may have read the key's older fallback value before the write landed, so the write
   * has to be recorded after it, not only before.
   */
  @Test
  void replay_aFallbackWriteLandingWhileRecoveryRuns_isReplayed_notTheValueRecoveryReadBeforeIt() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    MemoryStore<String, Object> fallback = memory(100);
    Store<String, Object> pausing = new DelegatingStore(fallback) {
      @Override
      public @Nullable StoreEntry<Object> put(String key, Object value, long expireAt) {
        if ("late".equals(value)) {
          entered.countDown();
          awaitQuietly(release);
        }
        return fallback.put(key, value, expireAt);
      }
    };
    store = ResilientStore.create(remote, pausing, settings(true, true, 1_000), clock, circuitClock, nanos -> {});
    store.put("k", "before", StoreEntry.NEVER);
    breakRemote(Kind.UNREACHABLE);
    store.put("k", "during", StoreEntry.NEVER);

    Thread writer = new Thread(() -> {
      try {
        store.put("k", "late", StoreEntry.NEVER); // the circuit is open: the fallback serves it
      } catch (StoreAccessException e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    entered.await();
    healRemote();
    Thread recovery = new Thread(() -> {
      try {
        store.get("other"); // the first call let through reconciles
      } catch (StoreAccessException e) {
        throw new IllegalStateException(e);
      }
    });
    recovery.start();
    // the unlocked rounds replayed what the fallback held then; the last round waits for the writer
    org.awaitility.Awaitility.await().until(() -> "during".equals(value(remote.data.peek("k")))
        && recovery.getState() == Thread.State.WAITING);
    release.countDown();
    writer.join();
    recovery.join();

    assertThat(store.isDegraded()).isFalse();
    assertThat(value(store.get("k"))).as("the acknowledged write, not the value from before it").isEqualTo("late");
  }

  @Test
  void sharedCircuit_oneStoresFailuresOpenIt_forTheOtherStoreOfTheSameServer_andTheLastCloseReleasesIt()
      throws Exception {
    int before = SharedCircuits.count();
    ResilienceSettings settings = settings(true, false, 1_000);
    SwitchableRemote otherRemote = new SwitchableRemote();
    ResilientStore<String, Object> first =
        ResilientStore.createShared(remote, memory(100), settings, clock, nanos -> {}, "server-1");
    ResilientStore<String, Object> second =
        ResilientStore.createShared(otherRemote, memory(100), settings, clock, nanos -> {}, "server-1");
    ResilientStore<String, Object> elsewhere =
        ResilientStore.createShared(new SwitchableRemote(), memory(100), settings, clock, nanos -> {}, "server-2");
    try {
      assertThat(SharedCircuits.count()).isEqualTo(before + 2);
      remote.down = Kind.UNREACHABLE;
      first.get("x");
      first.get("y");
      assertThat(first.circuitState()).isEqualTo("open");

      assertThat(second.circuitState()).isEqualTo("open");
      second.put("k", "during", StoreEntry.NEVER);
      assertThat(value(second.get("k"))).isEqualTo("during");
      assertThat(otherRemote.calls).as("the second store sent nothing").hasValue(0);
      assertThat(second.isDegraded()).isTrue();
      assertThat(elsewhere.circuitState()).as("another server's circuit").isEqualTo("closed");
    } finally {
      first.close();
      second.close();
      elsewhere.close();
    }
    assertThat(SharedCircuits.count()).isEqualTo(before);
  }

  private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A store that passes every call to another, for tests to intercept one of them. */
  static class DelegatingStore implements Store<String, Object> {
    private final Store<String, Object> target;

    DelegatingStore(Store<String, Object> target) {
      this.target = target;
    }

    @Override
    public @Nullable StoreEntry<Object> get(String key) throws StoreAccessException {
      return target.get(key);
    }

    @Override
    public @Nullable StoreEntry<Object> peek(String key) throws StoreAccessException {
      return target.peek(key);
    }

    @Override
    public @Nullable StoreEntry<Object> compute(String key, Remapping<Object> remapping) throws StoreAccessException {
      return target.compute(key, remapping);
    }

    @Override
    public @Nullable StoreEntry<Object> put(String key, Object value, long expireAt) throws StoreAccessException {
      return target.put(key, value, expireAt);
    }

    @Override
    public void updateExpiry(String key, StoreEntry<Object> entry, long expireAt) throws StoreAccessException {
      target.updateExpiry(key, entry, expireAt);
    }

    @Override
    public void clear() throws StoreAccessException {
      target.clear();
    }

    @Override
    public long size() {
      return target.size();
    }

    @Override
    public Iterator<? extends Map.Entry<String, ? extends StoreEntry<Object>>> iterator() {
      return target.iterator();
    }

    @Override
    public void close() {
      target.close();
    }
  }
}
