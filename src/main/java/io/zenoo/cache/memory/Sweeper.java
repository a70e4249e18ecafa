package io.zenoo.cache.memory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one daemon thread that sweeps expired entries out of every memory store in the JVM. A store
 * schedules its sweep when it opens and cancels it when it closes; the thread itself lives as long as the
 * JVM, idle when nothing is scheduled.
 */
final class Sweeper {

  private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
  private static final ScheduledExecutorService SCHEDULER = create();

  private Sweeper() {}

  private static ScheduledExecutorService create() {
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "zenoo-cache-sweeper");
          thread.setDaemon(true);
          return thread;
        };
    var executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, factory);
    executor.setRemoveOnCancelPolicy(true);
    return Executors.unconfigurableScheduledExecutorService(executor);
  }

  /** Runs the task every {@code periodNanos}, starting one period from now; failures are logged. */
  static ScheduledFuture<?> schedule(Runnable task, long periodNanos) {
    Runnable guarded =
        () -> {
          try {
            task.run();
          } catch (RuntimeException | Error e) {
            LOG.warn("Sweep of expired entries failed; it will run again at the next interval", e);
          }
        };
    return SCHEDULER.scheduleWithFixedDelay(guarded, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
  }
}
