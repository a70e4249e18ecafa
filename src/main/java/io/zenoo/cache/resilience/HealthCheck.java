package io.zenoo.cache.resilience;

import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.StoreAccessException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic PING of one remote store, on the JVM's one health-check thread: sent through the circuit
 * (nothing while it is open), counted like any call, its outcome and round-trip time kept for the
 * statistics; after a successful PING the owner is told, so that a degraded store reconciles even when no
 * caller comes. Started on demand, stopped with the store. Thread safe.
 */
final class HealthCheck {

  private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);

  private final RemoteStore<?, ?> remote;
  private final Circuit circuit;
  private final Clock clock;
  private final Duration interval;
  private final Runnable afterSuccess;
  private @Nullable ScheduledFuture<?> schedule; // guarded by this
  private boolean stopped; // guarded by this
  private volatile String last = "never";
  private volatile long latencyNanos = -1;

  HealthCheck(RemoteStore<?, ?> remote, Circuit circuit, Clock clock, Duration interval, Runnable afterSuccess) {
    this.remote = remote;
    this.circuit = circuit;
    this.clock = clock;
    this.interval = interval;
    this.afterSuccess = afterSuccess;
  }

  /** Starts the periodic check if it is not running yet (and the store is not closed). */
  synchronized void start() {
    if (schedule == null && !stopped) {
      long period = interval.toNanos();
      schedule = Timers.health().scheduleWithFixedDelay(this::run, period, period, TimeUnit.NANOSECONDS);
    }
  }

  /** Stops it for good. */
  synchronized void stop() {
    stopped = true;
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  /** Returns the outcome of the last check: never, ok, or failed with the reason. */
  String last() {
    return last;
  }

  /** Returns the round-trip time of the last successful check in milliseconds, or -1. */
  double latencyMillis() {
    long nanos = latencyNanos;
    return nanos < 0 ? -1 : nanos / 1_000_000d;
  }

  /** Runs one check now. */
  void run() {
    try {
      if (!circuit.tryAcquire()) {
        return; // open: nothing is sent until the timeout passes
      }
      long start = clock.nanos();
      try {
        remote.ping();
      } catch (StoreAccessException e) {
        last = "failed: " + e.getMessage();
        if (e.kind().isTransient()) {
          circuit.onFailure(e);
        } else {
          circuit.onSuccess();
        }
        return;
      }
      latencyNanos = clock.nanos() - start;
      last = "ok";
      circuit.onSuccess();
      afterSuccess.run();
    } catch (RuntimeException e) { // never let the timer's task die
      LOG.warn("Health check of {} failed unexpectedly", remote.server(), e);
    }
  }
}
