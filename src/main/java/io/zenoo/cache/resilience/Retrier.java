package io.zenoo.cache.resilience;

import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreAccessException.Kind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a store call up to {@code retry_attempts} times, waiting the {@link Backoff} schedule in between,
 * retrying only what can help and is safe: a storage that was not reached always; a timeout only for
 * idempotent calls (a timed-out compare-and-set may have been applied, and deciding again on its result
 * would apply the caller's decision twice); an error answer never.
 *
 * <p>The synchronous form waits with the injected {@link Sleeper}; the asynchronous form schedules the
 * next attempt on a timer thread and holds no thread while it waits. Thread safe.
 */
final class Retrier {

  /** A store call that may fail with a {@link StoreAccessException}. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws StoreAccessException;
  }

  private final int attempts;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final ScheduledExecutorService timer;

  Retrier(int attempts, Backoff backoff, Sleeper sleeper, ScheduledExecutorService timer) {
    if (attempts < 1) {
      throw new IllegalArgumentException("retry_attempts must be >= 1, but was " + attempts);
    }
    this.attempts = attempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.timer = timer;
  }

  /** Returns the total attempts an operation may take. */
  int attempts() {
    return attempts;
  }

  /** Runs the call, retrying as the class describes; throws the last failure. */
  <T> T call(Call<T> call, boolean idempotent) throws StoreAccessException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (StoreAccessException e) {
        if (attempt >= attempts || !retryable(e, idempotent)) {
          throw e;
        }
        try {
          sleeper.sleep(backoff.delayNanos(attempt + 1));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Runs the asynchronous call, retrying as the class describes; the stage fails with the last failure. */
  <T> CompletionStage<T> callAsync(Supplier<CompletionStage<T>> call, boolean idempotent) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attemptAsync(call, idempotent, 1, result);
    return result;
  }

  private <T> void attemptAsync(
      Supplier<CompletionStage<T>> call, boolean idempotent, int attempt, CompletableFuture<T> result) {
    CompletionStage<T> stage;
    try {
      stage = call.get();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    stage.whenComplete((value, error) -> {
      if (error == null) {
        result.complete(value);
        return;
      }
      Throwable cause = unwrap(error);
      if (attempt >= attempts || !(cause instanceof StoreAccessException e) || !retryable(e, idempotent)) {
        result.completeExceptionally(cause);
        return;
      }
      try {
        timer.schedule(
            () -> attemptAsync(call, idempotent, attempt + 1, result),
            backoff.delayNanos(attempt + 1),
            TimeUnit.NANOSECONDS);
      } catch (RuntimeException rejected) { // the timer is shut down: the JVM is stopping
        result.completeExceptionally(cause);
      }
    });
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static boolean retryable(StoreAccessException e, boolean idempotent) {
    return e.kind() == Kind.UNREACHABLE || (e.kind() == Kind.TIMEOUT && idempotent);
  }
}
