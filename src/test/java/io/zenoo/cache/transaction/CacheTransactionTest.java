package io.zenoo.cache.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.core.CacheEngine;
import io.zenoo.cache.testing.FakeClock;
import io.zenoo.cache.testing.RecordingListener;
import io.zenoo.cache.testing.TestCaches;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cache transactions on MemoryCache: what commit applies and rollback drops, what the transaction and other
 * threads see meanwhile, the side effects at commit (writer, events, statistics, expiry) and the misuses
 * that fail.
 */
class CacheTransactionTest {

  private final FakeClock clock = new FakeClock();
  private final TestCaches caches = new TestCaches();
  private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void tearDown() {
    CacheTransaction.current().ifPresent(CacheTransaction::close);
    otherThread.shutdownNow();
    caches.close();
  }

  private ZenooCache<String, String> cache() {
    return caches.create(TestCaches.memory(String.class, String.class, clock).build());
  }

  /** Returns what the supplier answers on another thread, one with no transaction open. */
  private <T> T elsewhere(Supplier<T> read) {
    return CompletableFuture.supplyAsync(read, otherThread).join();
  }

  // ---------------------------------------------------------------- commit and rollback

  @Test
  void commit_appliesEveryWriteToEveryCache() {
    ZenooCache<String, String> users = cache();
    ZenooCache<String, String> sessions = cache();
    users.put("bob", "Bob");
    sessions.put("s1", "alice");
    sessions.put("s2", "bob");

    try (CacheTransaction tx = CacheTransaction.begin()) {
      users.put("alice", "Alice");
      users.putAll(Map.of("carol", "Carol", "dave", "Dave"));
      users.remove("bob");
      sessions.removeAll(Set.of("s1", "s2"));
      sessions.put("s3", "carol", Duration.ofMinutes(5));
      tx.commit();
      assertThat(tx.status()).isEqualTo(CacheTransaction.Status.COMMITTED);
    }

    assertThat(users.getAll(Set.of("alice", "bob", "carol", "dave")))
        .isEqualTo(Map.of("alice", "Alice", "carol", "Carol", "dave", "Dave"));
    assertThat(sessions.getAll(Set.of("s1", "s2", "s3"))).isEqualTo(Map.of("s3", "carol"));
    assertThat(CacheTransaction.current()).isEmpty();
  }

  @Test
  void rollback_dropsEveryWrite() {
    ZenooCache<String, String> cache = cache();
    cache.put("kept", "v");

    CacheTransaction tx = CacheTransaction.begin();
    cache.put("new", "n");
    cache.remove("kept");
    cache.removeAll();
    tx.rollback();

    assertThat(tx.status()).isEqualTo(CacheTransaction.Status.ROLLED_BACK);
    assertThat(cache.get("kept")).isEqualTo("v");
    assertThat(cache.containsKey("new")).isFalse();
  }

  @Test
  void close_withoutCommit_rollsBack() {
    ZenooCache<String, String> cache = cache();

    try (CacheTransaction tx = CacheTransaction.begin()) {
      cache.put("k", "v");
      assertThat(tx.isActive()).isTrue();
    }

    assertThat(cache.get("k")).isNull();
    assertThat(CacheTransaction.current()).isEmpty();
  }

  @Test
  void lastWriteWins_perKey() {
    ZenooCache<String, String> cache = cache();
    cache.put("removedThenPut", "old");

    try (CacheTransaction tx = CacheTransaction.begin()) {
      cache.put("putTwice", "first");
      cache.put("putTwice", "second");
      cache.put("putThenRemoved", "x");
      cache.remove("putThenRemoved");
      cache.remove("removedThenPut");
      cache.put("removedThenPut", "new");
      tx.commit();
    }

    assertThat(cache.get("putTwice")).isEqualTo("second");
    assertThat(cache.containsKey("putThenRemoved")).isFalse();
    assertThat(cache.get("removedThenPut")).isEqualTo("new");
  }

  // ---------------------------------------------------------------- visibility

  @Test
  void reads_insideTheTransaction_seeItsOwnWrites() {
    ZenooCache<String, String> cache = cache();
    cache.put("existing", "e");
    cache.put("removed", "r");
    cache.put("cleared", "c");

    try (CacheTransaction tx = CacheTransaction.begin()) {
      assertThat(CacheTransaction.current()).containsSame(tx);
      cache.put("new", "n");
      cache.put("existing", "e2");
      assertThat(cache.remove("removed")).as("remove of a key the cache holds").isTrue();
      assertThat(cache.remove("removed")).as("remove of a key the transaction removed").isFalse();
      assertThat(cache.remove("neverThere")).isFalse();

      assertThat(cache.get("new")).isEqualTo("n");
      assertThat(cache.get("existing")).isEqualTo("e2");
      assertThat(cache.get("removed")).isNull();
      assertThat(cache.containsKey("new")).isTrue();
      assertThat(cache.containsKey("removed")).isFalse();
      assertThat(cache.containsKey("cleared")).isTrue();
      assertThat(cache.getAll(Set.of("new", "existing", "removed", "cleared")))
          .isEqualTo(Map.of("new", "n", "existing", "e2", "cleared", "c"));

      cache.removeAll();
      assertThat(cache.getAll(Set.of("new", "existing", "removed", "cleared"))).isEmpty();
      cache.put("afterRemoveAll", "a");
      assertThat(cache.get("afterRemoveAll")).isEqualTo("a");
    }
  }

  @Test
  void otherThreads_doNotSeePendingWrites_untilCommit() {
    ZenooCache<String, String> cache = cache();
    cache.put("removed", "r");

    CacheTransaction tx = CacheTransaction.begin();
    cache.put("k", "v");
    cache.remove("removed");

    assertThat(elsewhere(() -> cache.get("k"))).isNull();
    assertThat(elsewhere(() -> cache.containsKey("k"))).isFalse();
    assertThat(elsewhere(() -> cache.get("removed"))).isEqualTo("r");
    // a thread without a transaction writes straight through, even while this one has one open
    elsewhere(() -> {
      cache.put("direct", "d");
      return null;
    });
    assertThat(cache.get("direct")).isEqualTo("d");

    tx.commit();

    assertThat(elsewhere(() -> cache.get("k"))).isEqualTo("v");
    assertThat(elsewhere(() -> cache.get("removed"))).isNull();
  }

  @Test
  void valueChangedByTheCallerAfterPut_isNotWhatCommits_whenStoringByValue() {
    ZenooCache<String, StringBuilder> cache =
        caches.create(TestCaches.memory(String.class, StringBuilder.class, clock).build());
    StringBuilder value = new StringBuilder("before");

    try (CacheTransaction tx = CacheTransaction.begin()) {
      cache.put("k", value);
      value.append("-changed");
      assertThat(cache.get("k").toString()).isEqualTo("before");
      tx.commit();
    }

    assertThat(cache.get("k").toString()).isEqualTo("before");
  }

  // ---------------------------------------------------------------- side effects at commit

  @Test
  void eventsAndStatistics_comeAtCommit_asForTheSameCallsOutsideATransaction() {
    RecordingListener<String, String> listener = new RecordingListener<>();
    ZenooCache<String, String> cache = caches.create(
        TestCaches.memory(String.class, String.class, clock)
            .statisticsEnabled(true)
            .addListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(listener), null, /* oldValueRequired= */ true, /* synchronous= */ true))
            .build());
    cache.put("updated", "old");
    cache.put("removed", "gone");
    listener.drain();
    var statistics = ((CacheEngine<?, ?>) cache).statistics();
    statistics.clear();

    try (CacheTransaction tx = CacheTransaction.begin()) {
      cache.put("created", "new");
      cache.put("updated", "newer");
      cache.remove("removed");
      cache.remove("absent");
      assertThat(listener.drain()).isEmpty();
      assertThat(statistics.getCachePuts()).isZero();
      assertThat(statistics.getCacheRemovals()).isZero();
      tx.commit();
    }

    assertThat(listener.drain())
        .containsExactlyInAnyOrder("CREATED created -->new", "UPDATED updated old->newer", "REMOVED removed gone->gone");
    assertThat(statistics.getCachePuts()).isEqualTo(2);
    assertThat(statistics.getCacheRemovals()).isEqualTo(1);
  }

  @Test
  void failingSynchronousListener_isReportedByCommit_afterTheWritesAreApplied() {
    ZenooCache<String, String> cache = caches.create(
        TestCaches.memory(String.class, String.class, clock)
            .addListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(FailingListener.class), null, /* oldValueRequired= */ false,
                /* synchronous= */ true))
            .build());
    ZenooCache<String, String> other = cache();

    CacheTransaction tx = CacheTransaction.begin();
    cache.put("k", "v");
    other.put("o", "v");

    assertThatThrownBy(tx::commit).isInstanceOf(javax.cache.event.CacheEntryListenerException.class);
    assertThat(tx.status()).isEqualTo(CacheTransaction.Status.COMMITTED);
    assertThat(cache.get("k")).isEqualTo("v");
    assertThat(other.get("o")).isEqualTo("v");
  }

  /** A created listener that always fails. */
  public static final class FailingListener
      implements javax.cache.event.CacheEntryCreatedListener<String, String>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void onCreated(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends String>> events) {
      throw new IllegalStateException("listener failed");
    }
  }

  @Test
  void writer_isCalledAtCommit_withWriteAllThenDeleteAll() {
    RecordingWriter writer = new RecordingWriter();
    ZenooCache<String, String> cache = writeThrough(writer);
    cache.put("removed", "r");

    try (CacheTransaction tx = CacheTransaction.begin()) {
      cache.put("a", "1");
      cache.put("b", "2");
      cache.remove("removed");
      assertThat(writer.calls()).containsExactly("write removed=r");
      tx.commit();
    }

    assertThat(writer.calls()).containsExactly("write removed=r", "writeAll {a=1, b=2}", "deleteAll [removed]");
    assertThat(cache.get("a")).isEqualTo("1");
    assertThat(cache.get("removed")).isNull();
  }

  @Test
  void writerFailure_abortsTheCommit_andNoCacheIsWritten() {
    RecordingWriter writer = new RecordingWriter();
    ZenooCache<String, String> plain = cache();
    ZenooCache<String, String> written = writeThrough(writer);
    written.put("kept", "k");

    CacheTransaction tx = CacheTransaction.begin();
    plain.put("p", "1");
    written.put("w", "2");
    written.remove("kept");
    writer.failing(true);

    assertThatThrownBy(tx::commit).isInstanceOf(CacheWriterException.class).hasMessageContaining("system of record");

    assertThat(tx.status()).isEqualTo(CacheTransaction.Status.ROLLED_BACK);
    assertThat(plain.get("p")).isNull();
    assertThat(written.get("w")).isNull();
    assertThat(written.get("kept")).isEqualTo("k");
    assertThat(CacheTransaction.current()).isEmpty();
  }

  @Test
  void expiry_isComputedAtCommit_creationForNewKeys_updateForLiveOnes() {
    ZenooCache<String, String> cache = caches.create(
        TestCaches.memory(String.class, String.class, clock)
            .expiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(
                java.util.concurrent.TimeUnit.SECONDS, 60)))
            .build());
    cache.put("existing", "e"); // expires at 60 s; an update (null duration) keeps that

    CacheTransaction tx = CacheTransaction.begin();
    cache.put("existing", "e2");
    cache.put("created", "c"); // recorded at 0 s
    cache.put("ttl", "t", Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(30));
    tx.commit(); // created expires at 90 s, ttl at 40 s

    clock.advance(Duration.ofSeconds(15)); // 45 s
    assertThat(cache.get("ttl")).isNull();
    assertThat(cache.get("existing")).isEqualTo("e2");
    clock.advance(Duration.ofSeconds(20)); // 65 s
    assertThat(cache.get("existing")).isNull();
    assertThat(cache.get("created")).isEqualTo("c");
    clock.advance(Duration.ofSeconds(30)); // 95 s
    assertThat(cache.get("created")).isNull();
  }

  private ZenooCache<String, String> writeThrough(RecordingWriter writer) {
    return caches.create(
        TestCaches.memory(String.class, String.class, clock)
            .cacheWriterFactory(FactoryBuilder.factoryOf(writer))
            .writeThrough(true)
            .build());
  }

  // ---------------------------------------------------------------- misuse

  @Test
  void begin_whileOneIsOpenOnTheThread_isRejected() {
    try (CacheTransaction outer = CacheTransaction.begin()) {
      assertThatThrownBy(CacheTransaction::begin)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already open on this thread")
          .hasMessageContaining("do not nest");
      assertThat(CacheTransaction.current()).containsSame(outer);
    }
  }

  @Test
  void endedTransaction_cannotBeCommittedOrRolledBack_andCloseIsANoOp() {
    ZenooCache<String, String> cache = cache();
    CacheTransaction committed = CacheTransaction.begin();
    cache.put("k", "v");
    committed.commit();

    assertThatThrownBy(committed::commit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot commit this cache transaction: it is committed already; begin a new one");
    assertThatThrownBy(committed::rollback)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("it is committed already");
    committed.close();
    assertThat(cache.get("k")).isEqualTo("v");

    CacheTransaction rolledBack = CacheTransaction.begin();
    rolledBack.rollback();
    assertThatThrownBy(rolledBack::commit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("it is rolled back already");
    // after it ended, the thread is outside any transaction: writes go straight to the cache
    cache.put("after", "a");
    assertThat(elsewhere(() -> cache.get("after"))).isEqualTo("a");
  }

  @Test
  void cacheClosedBeforeCommit_failsClearly_andNothingIsApplied() {
    ZenooCache<String, String> open = cache();
    ZenooCache<String, String> closed = cache();

    CacheTransaction tx = CacheTransaction.begin();
    open.put("k", "v");
    closed.put("k", "v");
    closed.close();

    assertThatThrownBy(tx::commit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cache " + closed.getName() + " was closed before the cache transaction that wrote to it committed");
    assertThat(tx.status()).isEqualTo(CacheTransaction.Status.ROLLED_BACK);
    assertThat(open.get("k")).isNull();
  }

  @Test
  void operationsATransactionDoesNotRecord_areRejectedInsideIt() {
    ZenooCache<String, String> cache = cache();
    cache.put("k", "v");

    try (CacheTransaction tx = CacheTransaction.begin()) {
      assertThat(tx.isActive()).isTrue();
      List<Runnable> calls = List.of(
          () -> cache.putIfAbsent("k", "v"),
          () -> cache.replace("k", "v"),
          () -> cache.getAndPut("k", "v"),
          () -> cache.getAndRemove("k"),
          () -> cache.invoke("k", (entry, args) -> null),
          cache::clear,
          cache::iterator,
          () -> cache.putAsync("k", "v"));
      for (Runnable call : calls) {
        assertThatThrownBy(call::run)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("is not supported inside a cache transaction");
      }
    }

    assertThat(cache.putIfAbsent("k2", "v2")).isTrue();
  }

  @Test
  void commitFromAnotherThread_appliesTheWrites_andReleasesTheBeginningThread() {
    ZenooCache<String, String> cache = cache();
    CacheTransaction tx = CacheTransaction.begin();
    cache.put("k", "v");

    elsewhere(() -> {
      tx.commit();
      return null;
    });

    assertThat(tx.status()).isEqualTo(CacheTransaction.Status.COMMITTED);
    assertThat(cache.get("k")).isEqualTo("v");
    assertThat(CacheTransaction.current()).isEmpty();
    cache.put("after", "a");
    assertThat(elsewhere(() -> cache.get("after"))).isEqualTo("a");
    try (CacheTransaction next = CacheTransaction.begin()) {
      assertThat(next.isActive()).isTrue();
    }
  }

  @Test
  void putAllOfManyKeys_commitsEveryOne() {
    ZenooCache<String, String> cache = cache();
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < 500; i++) {
      entries.put("k" + i, "v" + i);
    }

    try (CacheTransaction tx = CacheTransaction.begin()) {
      cache.putAll(entries);
      tx.commit();
    }

    assertThat(cache.getAll(entries.keySet())).isEqualTo(entries);
  }
}
