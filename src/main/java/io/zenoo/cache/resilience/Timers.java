package io.zenoo.cache.resilience;

import io.zenoo.cache.internal.Resources;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The threads of the resilience layer, taken from the {@link Resources} of the caches' owner: one timer fires
 * asynchronous retries and the end of a circuit's OPEN wait (it only schedules, never waits on I/O), one runs
 * health checks (a PING may wait up to its timeout, which must not delay a retry), and a pool on which stores
 * reconcile after outages ({@link Recovery}: a long replay must delay neither, nor another store). Each
 * thread exits when idle and stops for good when its resources close.
 */
final class Timers {

  private Timers() {}

  /** Returns the retry timer of the resources. */
  static ScheduledExecutorService retries(Resources resources) {
    return resources.scheduler("retry");
  }

  /** Returns the health-check timer of the resources. */
  static ScheduledExecutorService health(Resources resources) {
    return resources.scheduler("health");
  }

  /**
   * Returns the pool reconciliations run on: a thread per store reconciling at that moment (at most one
   * each), so that one store's long replay, or its wait for a slow fallback writer, delays no other store.
   */
  static ExecutorService recovery(Resources resources) {
    return resources.pool("recovery");
  }

  /** Returns the retry timer of the JVM's shared resources, for stores created without an owner. */
  static ScheduledExecutorService retries() {
    return retries(Resources.shared());
  }
}
