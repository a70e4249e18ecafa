package io.zenoo.cache.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testing.FakeClock;
import io.zenoo.cache.testing.TestCaches;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JTA adapter, driven the way a transaction manager drives a registered {@link Synchronization}:
 * {@code beforeCompletion()} before the resources complete, {@code afterCompletion(status)} after, possibly
 * on another thread. No transaction manager is needed for that; {@link FakeJtaTransaction} plays its part.
 */
class CacheTransactionSynchronizationTest {

  private final TestCaches caches = new TestCaches();
  private final ExecutorService managerThread = Executors.newSingleThreadExecutor();
  private final ZenooCache<String, String> cache =
      caches.create(TestCaches.memory(String.class, String.class, new FakeClock()).build());

  @AfterEach
  void tearDown() {
    CacheTransaction.current().ifPresent(CacheTransaction::close);
    managerThread.shutdownNow();
    caches.close();
  }

  /** The part of a JTA transaction manager a synchronization sees: registration, then the two callbacks. */
  private static final class FakeJtaTransaction {
    private final List<Synchronization> synchronizations = new ArrayList<>();

    void registerSynchronization(Synchronization synchronization) {
      synchronizations.add(synchronization);
    }

    /** Completes with the given outcome: beforeCompletion (when committing), then afterCompletion. */
    void complete(int status) {
      if (status == Status.STATUS_COMMITTED) {
        synchronizations.forEach(Synchronization::beforeCompletion);
      }
      synchronizations.forEach(s -> s.afterCompletion(status));
    }
  }

  @Test
  void committedJtaTransaction_appliesTheCacheWrites() {
    cache.put("removed", "r");
    FakeJtaTransaction jta = new FakeJtaTransaction();
    CacheTransactionSynchronization synchronization = CacheTransactionSynchronization.begin();
    jta.registerSynchronization(synchronization);

    cache.put("k", "v");
    cache.remove("removed");
    assertThat(CompletableFuture.supplyAsync(() -> cache.get("k"), managerThread).join()).isNull();

    jta.complete(Status.STATUS_COMMITTED);

    assertThat(synchronization.transaction().status()).isEqualTo(CacheTransaction.Status.COMMITTED);
    assertThat(cache.get("k")).isEqualTo("v");
    assertThat(cache.get("removed")).isNull();
    assertThat(CacheTransaction.current()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {Status.STATUS_ROLLEDBACK, Status.STATUS_UNKNOWN, Status.STATUS_MARKED_ROLLBACK})
  void anyOtherOutcome_dropsTheCacheWrites(int status) {
    cache.put("kept", "k");
    FakeJtaTransaction jta = new FakeJtaTransaction();
    CacheTransactionSynchronization synchronization = CacheTransactionSynchronization.begin();
    jta.registerSynchronization(synchronization);
    cache.put("k", "v");
    cache.remove("kept");

    jta.complete(status);

    assertThat(synchronization.transaction().status()).isEqualTo(CacheTransaction.Status.ROLLED_BACK);
    assertThat(cache.get("k")).isNull();
    assertThat(cache.get("kept")).isEqualTo("k");
  }

  @Test
  void afterCompletionOnTheManagersThread_appliesTheWritesTheApplicationThreadRecorded() {
    FakeJtaTransaction jta = new FakeJtaTransaction();
    jta.registerSynchronization(CacheTransactionSynchronization.begin());
    cache.put("k", "v");

    CompletableFuture.runAsync(() -> jta.complete(Status.STATUS_COMMITTED), managerThread).join();

    assertThat(cache.get("k")).isEqualTo("v");
    // the application thread is outside any cache transaction again: its writes go straight through
    cache.put("later", "l");
    assertThat(CompletableFuture.supplyAsync(() -> cache.get("later"), managerThread).join()).isEqualTo("l");
  }

  @Test
  void cacheTransactionEndedBeforeARollback_isLeftAsItIs() {
    CacheTransactionSynchronization synchronization = CacheTransactionSynchronization.begin();
    cache.put("k", "v");
    synchronization.transaction().commit();

    synchronization.afterCompletion(Status.STATUS_ROLLEDBACK);

    assertThat(synchronization.transaction().status()).isEqualTo(CacheTransaction.Status.COMMITTED);
    assertThat(cache.get("k")).isEqualTo("v");
  }

  @Test
  void failureToApply_isRethrownFromAfterCompletion() {
    RecordingWriter writer = new RecordingWriter();
    ZenooCache<String, String> writeThrough = caches.create(
        TestCaches.memory(String.class, String.class, new FakeClock())
            .cacheWriterFactory(FactoryBuilder.factoryOf(writer))
            .writeThrough(true)
            .build());
    CacheTransactionSynchronization synchronization = CacheTransactionSynchronization.begin();
    writeThrough.put("k", "v");
    writer.failing(true);

    assertThatThrownBy(() -> synchronization.afterCompletion(Status.STATUS_COMMITTED))
        .isInstanceOf(CacheWriterException.class);

    assertThat(synchronization.transaction().status()).isEqualTo(CacheTransaction.Status.ROLLED_BACK);
    assertThat(writeThrough.get("k")).isNull();
  }
}
