package io.zenoo.cache.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreAccessException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry loop, with a sleeper that records instead of waiting. */
class RetrierTest {

  private static final long MS = 1_000_000L;

  private final List<Long> slept = new CopyOnWriteArrayList<>();
  private final Sleeper recording = slept::add;

  private Retrier retrier(int attempts, double jitter) {
    return new Retrier(
        attempts, new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), () -> jitter), recording, Timers.retries());
  }

  private static Retrier.Call<String> failing(AtomicInteger calls, Kind kind, int failures) {
    return () -> {
      if (calls.incrementAndGet() <= failures) {
        throw new StoreAccessException("attempt " + calls.get() + " failed", new RuntimeException(), kind);
      }
      return "ok after " + calls.get();
    };
  }

  @Test
  void unreachable_isRetriedOnTheSchedule_upToTheAttempts_thenTheLastFailureIsThrown() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> retrier(6, 0d).call(failing(calls, Kind.UNREACHABLE, 100), false))
        .hasMessage("attempt 6 failed");

    assertThat(calls).hasValue(6);
    // before attempts 2..6: base·2^(n-2) capped at 500 ms, jitter 0 = the lower half's floor
    assertThat(slept).containsExactly(50 * MS, 100 * MS, 200 * MS, 250 * MS, 250 * MS);
  }

  @Test
  void fullJitter_reachesTheNominalDelay_andASuccessEndsTheLoop() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    assertThat(retrier(5, 0.999_999_999d).call(failing(calls, Kind.UNREACHABLE, 2), false)).isEqualTo("ok after 3");

    assertThat(slept).hasSize(2);
    assertThat(slept.get(0)).isBetween(99 * MS, 100 * MS);
    assertThat(slept.get(1)).isBetween(199 * MS, 200 * MS);
  }

  @Test
  void timeout_isRetriedOnlyForIdempotentCalls() throws Exception {
    AtomicInteger idempotent = new AtomicInteger();
    assertThat(retrier(3, 0d).call(failing(idempotent, Kind.TIMEOUT, 1), true)).isEqualTo("ok after 2");

    AtomicInteger compareAndSet = new AtomicInteger();
    assertThatThrownBy(() -> retrier(3, 0d).call(failing(compareAndSet, Kind.TIMEOUT, 1), false))
        .hasMessage("attempt 1 failed");
    assertThat(compareAndSet).as("a timed-out compare-and-set may have been applied").hasValue(1);
  }

  @Test
  void errorAnswers_areNeverRetried() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> retrier(5, 0d).call(failing(calls, Kind.ERROR, 1), true)).hasMessage("attempt 1 failed");

    assertThat(calls).hasValue(1);
    assertThat(slept).isEmpty();
  }

  @Test
  void interruptedWhileWaiting_stopsWithTheFailure_andKeepsTheInterrupt() {
    Retrier interrupted =
        new Retrier(3, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), nanos -> {
          throw new InterruptedException();
        }, Timers.retries());
    AtomicInteger calls = new AtomicInteger();
    try {
      assertThatThrownBy(() -> interrupted.call(failing(calls, Kind.UNREACHABLE, 5), true))
          .hasMessage("attempt 1 failed");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void async_retriesOnTheTimer_andCompletesWithTheResultOrTheLastFailure() throws Exception {
    Retrier fast = new Retrier(4, new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)), recording, Timers.retries());
    AtomicInteger calls = new AtomicInteger();
    Retrier.Call<String> flaky = failing(calls, Kind.UNREACHABLE, 2);

    String result = fast.callAsync(() -> stage(flaky), true).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(result).isEqualTo("ok after 3");

    AtomicInteger never = new AtomicInteger();
    Retrier.Call<String> dead = failing(never, Kind.UNREACHABLE, 100);
    CompletableFuture<String> failed = fast.callAsync(() -> stage(dead), true).toCompletableFuture();
    assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(StoreAccessException.class)
        .hasMessageContaining("attempt 4 failed");
    assertThat(never).hasValue(4);
    assertThat(slept).as("the asynchronous form never blocks a thread to wait").isEmpty();
  }

  private static CompletableFuture<String> stage(Retrier.Call<String> call) {
    try {
      return CompletableFuture.completedFuture(call.run());
    } catch (StoreAccessException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
