package io.zenoo.cache.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one remote store, on Resilience4j's state machine configured to our semantics:
 * CLOSED → OPEN after {@code circuit_breaker_threshold} consecutive failed operations (a count window of
 * that many calls, all failed, opens it); OPEN lets nothing through for {@code circuit_breaker_timeout};
 * then HALF_OPEN lets one probe through: its success closes the circuit, its failure reopens it. A
 * threshold of 0 turns the breaker off (every call passes, nothing is counted).
 *
 * <p>Only failures that say the store is unusable count ({@link #onFailure}); an error answer proves the
 * server alive and counts as a success. Each transition is logged once: WARN when the circuit opens, INFO
 * otherwise. Thread safe.
 */
final class Circuit {

  private static final Logger LOG = LoggerFactory.getLogger(Circuit.class);

  private final CircuitBreaker breaker;
  private static final int HISTORY = 16;

  private final LongAdder trips = new LongAdder();
  private final java.util.ArrayDeque<String> history = new java.util.ArrayDeque<>(HISTORY); // guarded by itself
  private final String what;
  private final Duration openTimeout;
  private final Clock clock;
  /** While open: the instant (clock millis) before which nothing is let through; 0 otherwise. */
  private volatile long openUntilMillis;
  /**
   * On the system clock only: true from the moment the circuit opens until a timer task clears it once the
   * wait is over, so that a rejected call reads no clock. Only a shortcut: {@link #openUntilMillis} decides.
   */
  private volatile boolean shut;
  private final boolean systemClock;
  /** The task that clears {@link #shut}; one at a time, cancelled when the circuit leaves OPEN. */
  private @Nullable ScheduledFuture<?> reopen; // guarded by this

  /**
   * Creates a closed circuit.
   *
   * @param what names the store in log lines (credentials already masked)
   * @param threshold consecutive failures that open it; 0 for no breaker
   * @param openTimeout time spent OPEN before a probe
   * @param clock the time source of the OPEN wait
   */
  Circuit(String what, int threshold, Duration openTimeout, Clock clock) {
    if (threshold < 0) {
      throw new IllegalArgumentException("circuit_breaker_threshold must be >= 0, but was " + threshold);
    }
    this.what = what;
    this.openTimeout = openTimeout;
    this.clock = clock;
    this.systemClock = clock.equals(Clock.systemUTC());
    int window = Math.max(1, threshold);
    this.breaker =
        CircuitBreaker.of(
            what,
            CircuitBreakerConfig.custom()
                .slidingWindow(window, window, SlidingWindowType.COUNT_BASED,
                    SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
                .failureRateThreshold(100f)
                .slowCallRateThreshold(100f)
                .slowCallDurationThreshold(Duration.ofDays(365))
                .waitDurationInOpenState(openTimeout)
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
    breaker.getEventPublisher().onStateTransition(event -> transitioned(event.getStateTransition()));
    if (threshold == 0) {
      breaker.transitionToDisabledState();
    }
  }

  /**
   * Asks to send a call; after {@code true}, report exactly one of the outcomes below. While the circuit is
   * open and its timeout has not passed, answers from one field and the clock, without the state machine
   * (which would build and publish a rejection event per call).
   */
  boolean tryAcquire() {
    if (shut) {
      return false;
    }
    long until = openUntilMillis;
    if (until != 0 && clock.millis() <= until) {
      return false;
    }
    return breaker.tryAcquirePermission();
  }

  /** Gives back a permission that was not used. */
  void release() {
    breaker.releasePermission();
  }

  /** The call succeeded, or failed with an answer from a live store. */
  void onSuccess() {
    breaker.onSuccess(0, TimeUnit.NANOSECONDS);
  }

  /** The call failed because the store is unusable (not reached, timed out). */
  void onFailure(Throwable cause) {
    breaker.onError(0, TimeUnit.NANOSECONDS, cause);
  }

  /** Opens the circuit now, e.g. when the store cannot be reached at start-up. */
  void open() {
    CircuitBreaker.State state = breaker.getState();
    if (state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN) {
      breaker.transitionToOpenState();
    }
  }

  /** Returns whether the circuit sends calls without waiting (CLOSED, or no breaker). */
  boolean isClosed() {
    CircuitBreaker.State state = breaker.getState();
    return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.DISABLED;
  }

  /** Returns the state as the statistics name it: closed, open or half_open. */
  String state() {
    return statsName(breaker.getState());
  }

  private static String statsName(CircuitBreaker.State state) {
    return switch (state) {
      case OPEN, FORCED_OPEN -> "open";
      case HALF_OPEN -> "half_open";
      default -> "closed";
    };
  }

  /** Returns how many times the circuit opened. */
  long trips() {
    return trips.sum();
  }

  /** Returns the last transitions, oldest first, each as {@code from→to} in the statistics' names. */
  java.util.List<String> history() {
    synchronized (history) {
      return java.util.List.copyOf(history);
    }
  }

  private void transitioned(CircuitBreaker.StateTransition transition) {
    CircuitBreaker.State to = transition.getToState();
    openUntilMillis = to == CircuitBreaker.State.OPEN ? clock.millis() + openTimeout.toMillis() : 0;
    scheduleReopen(to == CircuitBreaker.State.OPEN && systemClock);
    synchronized (history) {
      if (history.size() == HISTORY) {
        history.removeFirst();
      }
      history.addLast(statsName(transition.getFromState()) + "→" + statsName(transition.getToState()));
    }
    switch (transition.getToState()) {
      case OPEN, FORCED_OPEN -> {
        trips.increment();
        LOG.warn("Circuit of {} opened ({} → open): calls are not sent to it for {}", what,
            name(transition.getFromState()), openTimeout);
      }
      case HALF_OPEN -> LOG.info("Circuit of {} half open: probing with one call", what);
      case CLOSED -> LOG.info("Circuit of {} closed ({} → closed): calls are sent to it again", what,
          name(transition.getFromState()));
      default -> LOG.debug("Circuit of {}: {}", what, transition);
    }
  }

  /** Sets {@link #shut} and, when set, the one task that clears it once the OPEN wait is over. */
  private synchronized void scheduleReopen(boolean open) {
    if (reopen != null) {
      reopen.cancel(false);
      reopen = null;
    }
    shut = open;
    if (open) {
      reopen = Timers.retries().schedule(() -> {
        shut = false;
      }, openTimeout.toMillis() + 1, TimeUnit.MILLISECONDS);
    }
  }

  private static String name(CircuitBreaker.State state) {
    return state.name().toLowerCase(java.util.Locale.ROOT);
  }
}
