package io.zenoo.cache.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.zenoo.cache.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Store} keeps, run by one subclass per store (in the manner of Ehcache's
 * {@code StoreSPITest}). A subclass says how to open its store, how to turn a text into the values its store
 * holds and back, and which other stores stand next to it; every test here then runs against it.
 *
 * <p>What the contract fixes: reads return what the last write left, expired or not (the engine judges
 * expiry), with the expiry instant written, to the millisecond; {@link Store#compute} creates, keeps,
 * replaces and removes as its remapping says, calls {@link Store.Remapping#committed()} exactly once per
 * compute that took effect and {@link Store.Remapping#discarded()} only when another writer got in between;
 * a remapping that throws changes nothing; {@link Store#updateExpiry} never undoes a later write;
 * {@link Store#clear()} touches this store's entries only; {@link Store#size()} and
 * {@link Store#iterator()} see every entry once; concurrent increments lose nothing; {@link Store#close()} is
 * idempotent.
 *
 * <p>Time is a {@link FakeClock} that only tests move; keys are strings.
 */
public abstract class StoreContractTest {

  /** Enough entries that a store reading in pages (Redis {@code SCAN}) needs several. */
  private static final int MANY = 1_200;

  private static final int THREADS = 4;
  private static final int INCREMENTS = 500;

  /** The clock every store of a test reads. */
  protected final FakeClock clock = new FakeClock();

  private final List<Store<String, Object>> opened = new ArrayList<>();
  private Store<String, Object> store;

  /** Returns a new store, empty at the start of each test, reading {@link #clock}. */
  protected abstract Store<String, Object> openStore() throws Exception;

  /**
   * Returns another store over the same data with a client of its own, as another JVM would open it, or
   * empty when a store's data is private to its instance.
   */
  protected abstract Optional<Store<String, Object>> openSharingStore() throws Exception;

  /**
   * Returns stores that live next to {@link #openStore()}'s (same server, another cache name, another
   * namespace, ...) and must never see its entries.
   */
  protected abstract List<Store<String, Object>> openNeighbours() throws Exception;

  /** Returns the stored value this store holds for a text. */
  protected abstract Object value(String text);

  /** Returns the text a stored value was made of by {@link #value(String)}. */
  protected abstract String text(Object stored);

  @BeforeEach
  void openTheStore() throws Exception {
    store = track(openStore());
  }

  @AfterEach
  void closeStores() {
    opened.forEach(Store::close);
  }

  private Store<String, Object> track(Store<String, Object> opened) {
    this.opened.add(opened);
    return opened;
  }

  // ---------------------------------------------------------------- reads and compute

  @Test
  public void get_absentKey_returnsNull() throws Exception {
    assertThat(store.get("absent")).isNull();
  }

  @Test
  public void peek_absentKey_returnsNull() throws Exception {
    assertThat(store.peek("absent")).isNull();
  }

  @Test
  public void compute_newEntryOnAbsentKey_createsItAndReturnsIt() throws Exception {
    long expireAt = at(Duration.ofSeconds(30));
    Recorder remapping = new Recorder(current -> entry("v1", expireAt));

    StoreEntry<Object> result = store.compute("k", remapping);

    assertEntry(result, "v1", expireAt);
    assertEntry(store.get("k"), "v1", expireAt);
    assertEntry(store.peek("k"), "v1", expireAt);
    assertThat(remapping.calls).containsExactly("remap(null)", "committed");
  }

  @Test
  public void compute_newEntryOnPresentKey_replacesItAndRemapSeesTheOld() throws Exception {
    put("k", "v1", at(Duration.ofSeconds(30)));
    long expireAt = at(Duration.ofSeconds(60));
    Recorder remapping = new Recorder(current -> entry(text(current.value()) + "+v2", expireAt));

    StoreEntry<Object> result = store.compute("k", remapping);

    assertEntry(result, "v1+v2", expireAt);
    assertEntry(store.get("k"), "v1+v2", expireAt);
    assertThat(remapping.calls).containsExactly("remap(v1)", "committed");
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  public void compute_returningCurrent_keepsTheEntryUnchanged() throws Exception {
    long expireAt = at(Duration.ofSeconds(30));
    put("k", "v1", expireAt);
    StoreEntry<Object> read = store.get("k");
    Recorder remapping = new Recorder(current -> current);

    StoreEntry<Object> result = store.compute("k", remapping);

    assertEntry(result, "v1", expireAt);
    assertEntry(store.get("k"), "v1", expireAt);
    assertThat(remapping.calls).containsExactly("remap(v1)", "committed");
    // unchanged means the entry read before is still the one mapped: its expiry can still be updated
    store.updateExpiry("k", read, at(Duration.ofSeconds(90)));
    assertEntry(store.get("k"), "v1", at(Duration.ofSeconds(90)));
  }

  @Test
  public void compute_returningCurrentOnAbsentKey_leavesItAbsent() throws Exception {
    Recorder remapping = new Recorder(current -> current);

    assertThat(store.compute("k", remapping)).isNull();

    assertThat(store.get("k")).isNull();
    assertThat(store.size()).isZero();
    assertThat(remapping.calls).containsExactly("remap(null)", "committed");
  }

  @Test
  public void compute_returningNull_removesTheEntry() throws Exception {
    put("k", "v1", StoreEntry.NEVER);
    put("other", "v2", StoreEntry.NEVER);
    Recorder remapping = new Recorder(current -> null);

    assertThat(store.compute("k", remapping)).isNull();

    assertThat(store.get("k")).isNull();
    assertThat(store.peek("k")).isNull();
    assertEntry(store.get("other"), "v2", StoreEntry.NEVER);
    assertThat(store.size()).isEqualTo(1);
    assertThat(remapping.calls).containsExactly("remap(v1)", "committed");
  }

  @Test
  public void compute_returningNullOnAbsentKey_leavesItAbsentAndCommits() throws Exception {
    Recorder remapping = new Recorder(current -> null);

    assertThat(store.compute("k", remapping)).isNull();

    assertThat(store.get("k")).isNull();
    assertThat(remapping.calls).containsExactly("remap(null)", "committed");
  }

  @Test
  public void compute_removedThenCreated_startsFromAbsent() throws Exception {
    put("k", "v1", StoreEntry.NEVER);
    store.compute("k", current -> null);
    Recorder remapping = new Recorder(current -> entry("v2", StoreEntry.NEVER));

    store.compute("k", remapping);

    assertThat(remapping.calls).containsExactly("remap(null)", "committed");
    assertEntry(store.get("k"), "v2", StoreEntry.NEVER);
  }

  @Test
  public void compute_remappingThrows_leavesTheEntryUnchangedAndPropagatesTheException() throws Exception {
    long expireAt = at(Duration.ofSeconds(30));
    put("k", "v1", expireAt);
    IllegalStateException failure = new IllegalStateException("decision failed");
    Recorder remapping =
        new Recorder(
            current -> {
              throw failure;
            });

    assertThatThrownBy(() -> store.compute("k", remapping)).isSameAs(failure);

    assertThat(remapping.calls).containsExactly("remap(v1)");
    assertEntry(store.get("k"), "v1", expireAt);
    // the key is not left locked: another thread can still write it
    putFromAnotherThread("k", "v2");
    assertEntry(store.get("k"), "v2", StoreEntry.NEVER);
  }

  @Test
  public void compute_remappingThrowsOnAbsentKey_leavesItAbsent() throws Exception {
    IllegalStateException failure = new IllegalStateException("decision failed");
    Recorder remapping =
        new Recorder(
            current -> {
              throw failure;
            });

    assertThatThrownBy(() -> store.compute("k", remapping)).isSameAs(failure);

    assertThat(remapping.calls).containsExactly("remap(null)");
    assertThat(store.get("k")).isNull();
    assertThat(store.size()).isZero();
  }

  @Test
  public void compute_keysAreIndependent_writingOneLeavesTheOthers() throws Exception {
    put("a", "1", StoreEntry.NEVER);
    put("b", "2", at(Duration.ofSeconds(5)));

    put("a", "1b", at(Duration.ofSeconds(7)));

    assertEntry(store.get("a"), "1b", at(Duration.ofSeconds(7)));
    assertEntry(store.get("b"), "2", at(Duration.ofSeconds(5)));
  }

  // ---------------------------------------------------------------- contention between store instances


  // ---------------------------------------------------------------- expiry

  @Test
  public void get_expiredEntry_isStillReturnedAndReportsExpiredFromItsInstantOn() throws Exception {
    long expireAt = at(Duration.ofSeconds(1));
    put("k", "v1", expireAt);

    clock.advance(Duration.ofMillis(999));
    StoreEntry<Object> live = store.get("k");
    assertEntry(live, "v1", expireAt);
    assertThat(live.isExpired(clock.nanos())).isFalse();

    clock.advance(Duration.ofMillis(1));
    StoreEntry<Object> expired = store.get("k");
    assertEntry(expired, "v1", expireAt);
    assertThat(expired.isExpired(clock.nanos())).isTrue();

    clock.advance(Duration.ofMinutes(5));
    assertEntry(store.get("k"), "v1", expireAt);
    assertEntry(store.peek("k"), "v1", expireAt);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  public void compute_expiredEntry_isGivenToTheRemapping() throws Exception {
    put("k", "v1", at(Duration.ofSeconds(1)));
    clock.advance(Duration.ofSeconds(2));
    Recorder remapping = new Recorder(current -> current);

    store.compute("k", remapping);

    assertThat(remapping.calls).containsExactly("remap(v1)", "committed");
  }

  @Test
  public void get_afterTheClockMoved_reportsTheSameExpiryInstant() throws Exception {
    long expireAt = at(Duration.ofSeconds(10));
    put("k", "v1", expireAt);

    clock.advance(Duration.ofMillis(3_250));

    assertEntry(store.get("k"), "v1", expireAt);
  }

  @Test
  public void compute_expiryNever_roundTripsAsNever() throws Exception {
    StoreEntry<Object> result = store.compute("k", current -> entry("v1", StoreEntry.NEVER));
    assertEntry(result, "v1", StoreEntry.NEVER);

    clock.advance(Duration.ofDays(10_000));

    StoreEntry<Object> read = store.get("k");
    assertEntry(read, "v1", StoreEntry.NEVER);
    assertThat(read.isExpired(clock.nanos())).isFalse();
    Recorder remapping = new Recorder(current -> current);
    store.compute("k", remapping);
    assertThat(remapping.seen).singleElement().satisfies(e -> assertEntry(e, "v1", StoreEntry.NEVER));
    assertThat(entries()).containsOnlyKeys("k");
    assertEntry(entries().get("k"), "v1", StoreEntry.NEVER);
  }

  @Test
  public void compute_finiteExpiryReplacedByNever_becomesNever() throws Exception {
    put("k", "v1", at(Duration.ofSeconds(1)));

    put("k", "v2", StoreEntry.NEVER);
    clock.advance(Duration.ofSeconds(2));

    StoreEntry<Object> read = store.get("k");
    assertEntry(read, "v2", StoreEntry.NEVER);
    assertThat(read.isExpired(clock.nanos())).isFalse();
  }

  // ---------------------------------------------------------------- updateExpiry

  @Test
  public void updateExpiry_entryFromGet_changesTheExpiryAndKeepsTheValue() throws Exception {
    put("k", "v1", at(Duration.ofSeconds(10)));
    StoreEntry<Object> read = store.get("k");

    store.updateExpiry("k", read, at(Duration.ofSeconds(60)));

    assertEntry(store.get("k"), "v1", at(Duration.ofSeconds(60)));
    clock.advance(Duration.ofSeconds(30));
    assertThat(store.get("k").isExpired(clock.nanos())).isFalse();
  }

  @Test
  public void updateExpiry_toNever_makesTheEntryNeverExpire() throws Exception {
    put("k", "v1", at(Duration.ofSeconds(10)));

    store.updateExpiry("k", store.get("k"), StoreEntry.NEVER);

    assertEntry(store.get("k"), "v1", StoreEntry.NEVER);
  }

  @Test
  public void updateExpiry_afterAConcurrentWrite_keepsTheWritesValueAndExpiry() throws Exception {
    put("k", "v1", at(Duration.ofSeconds(10)));
    StoreEntry<Object> read = store.get("k");
    put("k", "v2", at(Duration.ofSeconds(20)));

    store.updateExpiry("k", read, at(Duration.ofSeconds(99)));

    assertEntry(store.get("k"), "v2", at(Duration.ofSeconds(20)));
  }

  @Test
  public void updateExpiry_afterRemoval_doesNotBringTheEntryBack() throws Exception {
    put("k", "v1", at(Duration.ofSeconds(10)));
    StoreEntry<Object> read = store.get("k");
    store.compute("k", current -> null);

    store.updateExpiry("k", read, at(Duration.ofSeconds(99)));

    assertThat(store.get("k")).isNull();
    assertThat(store.size()).isZero();
  }

  @Test
  public void updateExpiry_afterRemovalAndRecreation_keepsTheNewEntry() throws Exception {
    put("k", "v1", at(Duration.ofSeconds(10)));
    StoreEntry<Object> read = store.get("k");
    store.compute("k", current -> null);
    put("k", "v2", at(Duration.ofSeconds(20)));

    store.updateExpiry("k", read, at(Duration.ofSeconds(99)));

    assertEntry(store.get("k"), "v2", at(Duration.ofSeconds(20)));
  }

  // ---------------------------------------------------------------- clear, size, iterator

  @Test
  public void clear_manyEntries_removesThemAll() throws Exception {
    fill(MANY);

    store.clear();

    assertThat(store.size()).isZero();
    assertThat(store.iterator().hasNext()).isFalse();
    assertThat(store.get("k0")).isNull();
    assertThat(store.get("k" + (MANY - 1))).isNull();
  }

  @Test
  public void clear_leavesTheEntriesOfNeighbouringStores() throws Exception {
    List<Store<String, Object>> neighbours = new ArrayList<>();
    for (Store<String, Object> neighbour : openNeighbours()) {
      neighbours.add(track(neighbour));
    }
    put("k", "mine", StoreEntry.NEVER);
    put("only-mine", "mine", StoreEntry.NEVER);
    for (Store<String, Object> neighbour : neighbours) {
      neighbour.compute("k", current -> entry("theirs", StoreEntry.NEVER));
    }

    store.clear();

    assertThat(store.get("k")).isNull();
    assertThat(store.size()).isZero();
    for (Store<String, Object> neighbour : neighbours) {
      assertEntry(neighbour.get("k"), "theirs", StoreEntry.NEVER);
      assertThat(neighbour.size()).isEqualTo(1);
    }
  }

  @Test
  public void clear_thenCompute_startsFromAbsent() throws Exception {
    put("k", "v1", StoreEntry.NEVER);
    store.clear();
    Recorder remapping = new Recorder(current -> entry("v2", StoreEntry.NEVER));

    store.compute("k", remapping);

    assertThat(remapping.calls).containsExactly("remap(null)", "committed");
    assertEntry(store.get("k"), "v2", StoreEntry.NEVER);
  }

  @Test
  public void size_followsCreatesUpdatesAndRemovals_expiredIncluded() throws Exception {
    assertThat(store.size()).isZero();
    put("a", "1", StoreEntry.NEVER);
    put("b", "2", at(Duration.ofSeconds(1)));
    put("c", "3", StoreEntry.NEVER);
    put("a", "1b", StoreEntry.NEVER);
    assertThat(store.size()).isEqualTo(3);

    store.compute("c", current -> null);
    clock.advance(Duration.ofSeconds(5));

    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  public void size_manyEntries_countsEachOnce() throws Exception {
    fill(MANY);

    assertThat(store.size()).isEqualTo(MANY);
  }

  @Test
  public void iterator_manyEntries_visitsEachOnceWithItsKeyValueAndExpiry() throws Exception {
    long origin = clock.nanos();
    fill(MANY);
    clock.advance(Duration.ofSeconds(2)); // some entries are expired now: they are visited all the same

    List<String> visited = new ArrayList<>();
    Iterator<? extends Map.Entry<String, ? extends StoreEntry<Object>>> it = store.iterator();
    while (it.hasNext()) {
      Map.Entry<String, ? extends StoreEntry<Object>> e = it.next();
      visited.add(e.getKey());
      int i = Integer.parseInt(e.getKey().substring(1));
      assertEntry(e.getValue(), "v" + i, expiryOf(origin, i));
    }

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      expected.add("k" + i);
    }
    assertThat(visited).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  public void iterator_emptyStore_hasNothing() {
    assertThat(store.iterator().hasNext()).isFalse();
  }

  // ---------------------------------------------------------------- writeAll (a committed transaction's batch)

  @Test
  public void writeAll_writesAndRemoves_andReturnsWhatItReplaced() throws Exception {
    put("updated", "old", StoreEntry.NEVER);
    put("removed", "gone", at(Duration.ofSeconds(30)));
    put("untouched", "same", StoreEntry.NEVER);
    long expireAt = at(Duration.ofSeconds(60));
    Map<String, @Nullable StoreEntry<Object>> writes = new java.util.LinkedHashMap<>();
    writes.put("updated", entry("new", expireAt));
    writes.put("removed", null);
    writes.put("created", entry("fresh", StoreEntry.NEVER));
    writes.put("absent", null);

    Map<String, StoreEntry<Object>> previous = store.writeAll(writes);

    assertThat(previous).containsOnlyKeys("updated", "removed");
    assertEntry(previous.get("updated"), "old", StoreEntry.NEVER);
    assertEntry(previous.get("removed"), "gone", at(Duration.ofSeconds(30)));
    assertEntry(store.get("updated"), "new", expireAt);
    assertEntry(store.get("created"), "fresh", StoreEntry.NEVER);
    assertEntry(store.get("untouched"), "same", StoreEntry.NEVER);
    assertThat(store.get("removed")).isNull();
    assertThat(store.get("absent")).isNull();
    assertThat(store.size()).isEqualTo(3);
  }

  @Test
  public void writeAll_emptyBatch_changesNothing() throws Exception {
    put("k", "v", StoreEntry.NEVER);

    assertThat(store.writeAll(Map.of())).isEmpty();

    assertEntry(store.get("k"), "v", StoreEntry.NEVER);
  }

  @Test
  public void writeAll_replacedEntry_isNoLongerTheOneACompareAndSetExpects() throws Exception {
    put("k", "v1", StoreEntry.NEVER);
    StoreEntry<Object> read = store.get("k");
    Map<String, @Nullable StoreEntry<Object>> writes = new java.util.HashMap<>();
    writes.put("k", entry("v2", StoreEntry.NEVER));
    store.writeAll(writes);

    // an access-expiry update based on the entry read before the batch must not undo the batch
    store.updateExpiry("k", read, at(Duration.ofSeconds(5)));

    assertEntry(store.get("k"), "v2", StoreEntry.NEVER);
  }

  // ---------------------------------------------------------------- concurrency and lifecycle

  @Test
  public void compute_concurrentIncrementsOnOneKey_loseNoUpdate() throws Exception {
    List<Store<String, Object>> writers = new ArrayList<>();
    writers.add(store);
    openSharingStore().map(this::track).ifPresent(writers::add);
    put("counter", "0", StoreEntry.NEVER);
    AtomicInteger remaps = new AtomicInteger();
    AtomicInteger commits = new AtomicInteger();
    AtomicInteger discards = new AtomicInteger();
    Store.Remapping<Object> increment =
        new Store.Remapping<>() {
          @Override
          public StoreEntry<Object> remap(@Nullable StoreEntry<Object> current) {
            remaps.incrementAndGet();
            return entry(Integer.toString(Integer.parseInt(text(current.value())) + 1), StoreEntry.NEVER);
          }

          @Override
          public void committed() {
            commits.incrementAndGet();
          }

          @Override
          public void discarded() {
            discards.incrementAndGet();
          }
        };
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Store<String, Object> writer = writers.get(t % writers.size());
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < INCREMENTS; i++) {
                    writer.compute("counter", increment);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertEntry(store.get("counter"), Integer.toString(THREADS * INCREMENTS), StoreEntry.NEVER);
    assertThat(commits.get()).isEqualTo(THREADS * INCREMENTS);
    assertThat(remaps.get()).isEqualTo(commits.get() + discards.get());
    if (writers.size() == 1) {
      assertThat(discards.get()).as("writers of one store instance never conflict").isZero();
    }
  }

  @Test
  public void close_calledTwice_isHarmlessAndLeavesOtherStoresWorking() throws Exception {
    put("k", "v1", StoreEntry.NEVER);
    Store<String, Object> second = openStore();
    second.compute("other", current -> entry("v2", StoreEntry.NEVER));

    second.close();
    second.close();

    // a second close must not release what other stores still use (a shared client, a shared sweeper)
    assertEntry(store.get("k"), "v1", StoreEntry.NEVER);
    put("k", "v3", StoreEntry.NEVER);
    assertEntry(store.get("k"), "v3", StoreEntry.NEVER);
  }

  // ---------------------------------------------------------------- helpers

  /** Returns the clock reading the given time from now. */
  protected final long at(Duration fromNow) {
    return clock.nanos() + fromNow.toNanos();
  }

  /** Returns a detached entry of the stored value of a text. */
  protected final StoreEntry<Object> entry(String text, long expireAt) {
    return StoreEntry.of(value(text), expireAt);
  }

  /** Maps the key to the text's value, whatever it mapped to. */
  protected final void put(String key, String text, long expireAt) throws StoreAccessException {
    store.compute(key, current -> entry(text, expireAt));
  }

  /** Returns the store every test runs against. */
  protected final Store<String, Object> store() {
    return store;
  }

  /** Asserts that an entry is there with the value of the text and the expiry instant. */
  protected final void assertEntry(@Nullable StoreEntry<Object> entry, String text, long expireAt) {
    assertThat(entry).as("entry").isNotNull();
    assertThat(text(entry.value())).as("value").isEqualTo(text);
    assertThat(entry.expireAt()).as("expireAt").isEqualTo(expireAt);
  }

  /** Returns a second store over the same data, closed after the test; only for stores that have one. */
  protected final Store<String, Object> sharingStore() throws Exception {
    Optional<Store<String, Object>> other = openSharingStore();
    assertThat(other).as("a store over the same data").isPresent();
    return track(other.get());
  }

  /** Writes {@code k0..k(n-1)} with values {@code v0..} and the expiries of {@link #expiryOf}. */
  private void fill(int n) throws StoreAccessException {
    long origin = clock.nanos();
    for (int i = 0; i < n; i++) {
      put("k" + i, "v" + i, expiryOf(origin, i));
    }
  }

  /** Returns the expiry {@link #fill} gives entry i: never for every third, else 1 or 2 s after origin. */
  private static long expiryOf(long origin, int i) {
    return i % 3 == 0 ? StoreEntry.NEVER : origin + Duration.ofSeconds(i % 3).toNanos();
  }

  private Map<String, StoreEntry<Object>> entries() {
    Map<String, StoreEntry<Object>> result = new HashMap<>();
    Iterator<? extends Map.Entry<String, ? extends StoreEntry<Object>>> it = store.iterator();
    while (it.hasNext()) {
      Map.Entry<String, ? extends StoreEntry<Object>> e = it.next();
      if (result.put(e.getKey(), e.getValue()) != null) {
        fail("iterator visited " + e.getKey() + " twice");
      }
    }
    return result;
  }

  private void putFromAnotherThread(String key, String text) throws Exception {
    CompletableFuture.runAsync(
            () -> {
              try {
                put(key, text, StoreEntry.NEVER);
              } catch (StoreAccessException e) {
                throw new IllegalStateException(e);
              }
            })
        .get(10, TimeUnit.SECONDS);
  }

  protected final String describe(@Nullable StoreEntry<Object> entry) {
    return entry == null ? "null" : text(entry.value());
  }

  /** A remapping that applies a decision and records each call, with the entry each remap was given. */
  private final class Recorder implements Store.Remapping<Object> {
    final List<String> calls = new ArrayList<>();
    final List<StoreEntry<Object>> seen = new ArrayList<>();
    private final UnaryOperator<@Nullable StoreEntry<Object>> decision;

    Recorder(UnaryOperator<@Nullable StoreEntry<Object>> decision) {
      this.decision = decision;
    }

    @Override
    public @Nullable StoreEntry<Object> remap(@Nullable StoreEntry<Object> current) {
      calls.add("remap(" + describe(current) + ")");
      if (current != null) {
        seen.add(current);
      }
      return decision.apply(current);
    }

    @Override
    public void committed() {
      calls.add("committed");
    }

    @Override
    public void discarded() {
      calls.add("discarded");
    }
  }
}
