package io.zenoo.cache.memory;

import io.zenoo.cache.internal.Resources;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules the sweeps of expired entries out of memory stores on the sweeper thread of the
 * {@link Resources} that own the stores (the provider's, else the JVM's shared ones). A store schedules its
 * sweep when it opens and cancels it when it closes; the thread exits when no sweep is scheduled and stops
 * for good with its resources.
 */
final class Sweeper {

  private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

  private Sweeper() {}

  /**
   * Runs the task every {@code periodNanos} on the resources' sweeper thread, starting one period from now;
   * failures are logged.
   *
   * @throws IllegalStateException when the resources are closed
   */
  static ScheduledFuture<?> schedule(Resources resources, Runnable task, long periodNanos) {
    Runnable guarded =
        () -> {
          try {
            task.run();
          } catch (RuntimeException | Error e) {
            LOG.warn("Sweep of expired entries failed; it will run again at the next interval", e);
          }
        };
    return resources.scheduler("sweeper")
        .scheduleWithFixedDelay(guarded, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }
}
