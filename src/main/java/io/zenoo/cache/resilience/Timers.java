package io.zenoo.cache.resilience;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The JVM's two shared daemon timer threads of the resilience layer: one fires asynchronous retries (it
 * only schedules, never waits on I/O), one runs health checks (a PING may wait up to its timeout, which
 * must not delay a retry). Created on first use.
 */
final class Timers {

  private Timers() {}

  private static final class Retries {
    static final ScheduledExecutorService TIMER = create("zenoo-cache-retry");
  }

  private static final class Health {
    static final ScheduledExecutorService TIMER = create("zenoo-cache-health");
  }

  static ScheduledExecutorService retries() {
    return Retries.TIMER;
  }

  static ScheduledExecutorService health() {
    return Health.TIMER;
  }

  private static ScheduledExecutorService create(String name) {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
