package io.zenoo.cache.resilience;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The JVM's shared daemon threads of the resilience layer: one fires asynchronous retries (it only
 * schedules, never waits on I/O), one runs health checks (a PING may wait up to its timeout, which must not
 * delay a retry); and a pool on which stores reconcile after outages ({@link Recovery}: a long replay must
 * delay neither). Created on first use.
 */
final class Timers {

  private Timers() {}

  private static final class Retries {
    static final ScheduledExecutorService TIMER = create("zenoo-cache-retry");
  }

  private static final class Health {
    static final ScheduledExecutorService TIMER = create("zenoo-cache-health");
  }

  private static final class Recoveries {
    static final java.util.concurrent.ExecutorService POOL = createPool("zenoo-cache-recovery");
  }

  /**
   * Returns the pool reconciliations run on: a thread per store reconciling at that moment (at most one
   * each), so that one store's long replay, or its wait for a slow fallback writer, delays no other store;
   * idle threads end after a minute.
   */
  static java.util.concurrent.ExecutorService recovery() {
    return Recoveries.POOL;
  }

  private static java.util.concurrent.ExecutorService createPool(String name) {
    java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
    return new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, java.util.concurrent.TimeUnit.SECONDS,
        new java.util.concurrent.SynchronousQueue<>(), task -> {
          Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          thread.setContextClassLoader(null);
          return thread;
        });
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
