package io.zenoo.cache.resilience;

import io.zenoo.cache.internal.Resources;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The two timer threads of the resilience layer, taken from the {@link Resources} of the caches' owner:
 * one fires asynchronous retries and the end of a circuit's OPEN wait (it only schedules, never waits on
 * I/O), one runs health checks (a PING may wait up to its timeout, which must not delay a retry). Each
 * thread exits when nothing is scheduled and stops for good when its resources close.
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

  /** Returns the retry timer of the JVM's shared resources, for stores created without an owner. */
  static ScheduledExecutorService retries() {
    return retries(Resources.shared());
  }
}
