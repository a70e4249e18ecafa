package io.zenoo.cache.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one owner starts that must stop with it: named timer threads (sweeping, retries, health
 * checks) and components such as the Redis clients and the circuits of its caches. A caching provider owns
 * one for as long as it has open managers and closes it with the last of them; what asks it for anything
 * after that gets an {@link IllegalStateException} (or a {@link RejectedExecutionException} from a
 * scheduler), so nothing is started again by a late health check or retry.
 *
 * <p><b>Threads.</b> Every thread is named {@code <name>-<purpose>-<n>}, is a daemon and has no context
 * class loader (it would otherwise pin the class loader of whichever application thread happened to start
 * it, and leak a redeployed application). A scheduler's one thread exits after {@link #IDLE_KEEP_ALIVE} with
 * nothing scheduled and is started again by the next task, so even the {@link #shared()} instance, which
 * is never closed, holds no thread while no cache uses it.
 *
 * <p>Thread safe.
 */
public final class Resources implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

  /** How long a scheduler's thread waits for work before it exits. */
  public static final long IDLE_KEEP_ALIVE_MILLIS = 1_000;

  /** How long {@link #close()} waits for the threads and components to stop. */
  public static final long CLOSE_TIMEOUT_MILLIS = 5_000;

  private static final Resources SHARED = new Resources("zenoo-cache");

  private final String name;
  private final Map<String, ThreadPoolExecutor> schedulers = new LinkedHashMap<>(); // guarded by this
  private final Map<Object, AutoCloseable> components = new LinkedHashMap<>(); // guarded by this
  private boolean closed; // guarded by this

  private Resources(String name) {
    this.name = name;
  }

  /** Returns new resources whose threads are named {@code <name>-<purpose>-<n>}. */
  public static Resources create(String name) {
    return new Resources(name);
  }

  /**
   * Returns the JVM's resources for stores and caches created without an owner (tests, direct use of a
   * store). Never closed; its threads exit when idle.
   */
  public static Resources shared() {
    return SHARED;
  }

  /** Returns the prefix of the names of every thread these resources start. */
  public String threadNamePrefix() {
    return name + "-";
  }

  /**
   * Returns a factory of named daemon threads without a context class loader, for a pool of the purpose;
   * {@code wrap} builds the thread (e.g. a Netty thread class) from the task and the name.
   */
  public ThreadFactory threadFactory(String purpose, ThreadMaker wrap) {
    AtomicInteger count = new AtomicInteger();
    String prefix = threadNamePrefix() + purpose + "-";
    return task -> {
      Thread thread = wrap.make(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      thread.setContextClassLoader(null);
      return thread;
    };
  }

  /** Builds a thread; see {@link #threadFactory(String, ThreadMaker)}. */
  @FunctionalInterface
  public interface ThreadMaker {
    /** Returns an unstarted thread that runs the task under the name. */
    Thread make(Runnable task, String name);
  }

  /**
   * Returns the single-thread scheduler of the purpose, created on first use. Cancelled tasks leave its
   * queue at once.
   *
   * @throws IllegalStateException when these resources are closed
   */
  public synchronized ScheduledExecutorService scheduler(String purpose) {
    requireOpen(purpose);
    return (ScheduledExecutorService) schedulers.computeIfAbsent(purpose, p -> {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threadFactory(p, Thread::new));
      executor.setRemoveOnCancelPolicy(true);
      executor.setKeepAliveTime(IDLE_KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
      executor.allowCoreThreadTimeOut(true);
      executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
      return executor;
    });
  }

  /**
   * Returns the pool of the purpose, created on first use: a thread per task running at that moment (callers
   * bound how many they submit), each ending after {@link #IDLE_KEEP_ALIVE_MILLIS} without work.
   *
   * @throws IllegalStateException when these resources are closed
   */
  public synchronized ExecutorService pool(String purpose) {
    requireOpen(purpose);
    return schedulers.computeIfAbsent("pool:" + purpose, p -> new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, IDLE_KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
        threadFactory(purpose, Thread::new)));
  }

  /**
   * Returns the component stored under the key, created by {@code factory} from these resources on first
   * use; it is closed when these resources close, in the reverse order of creation.
   *
   * @throws IllegalStateException when these resources are closed
   */
  public synchronized <T extends AutoCloseable> T component(Class<T> key, Function<Resources, T> factory) {
    requireOpen(key.getSimpleName());
    AutoCloseable existing = components.get(key);
    if (existing != null) {
      return key.cast(existing);
    }
    T created = factory.apply(this);
    components.put(key, created);
    return created;
  }

  /** Returns whether {@link #close()} was called. */
  public synchronized boolean isClosed() {
    return closed;
  }

  private void requireOpen(String what) {
    if (closed) {
      throw new IllegalStateException(name + " is closed: cannot start " + what + " again");
    }
  }

  /**
   * Closes the components (newest first), then stops the schedulers and waits, up to
   * {@link #CLOSE_TIMEOUT_MILLIS} in all, for their threads to end. Idempotent. The shared instance
   * cannot be closed.
   */
  @Override
  public void close() {
    if (this == SHARED) {
      throw new UnsupportedOperationException("the JVM's shared resources are never closed");
    }
    List<AutoCloseable> toClose;
    List<ThreadPoolExecutor> toStop;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(components.values());
      Collections.reverse(toClose);
      toStop = new ArrayList<>(schedulers.values());
      components.clear();
      schedulers.clear();
    }
    for (AutoCloseable component : toClose) {
      try {
        component.close();
      } catch (Exception e) {
        LOG.warn("Closing {} of {} failed", component.getClass().getSimpleName(), name, e);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MILLIS);
    toStop.forEach(ThreadPoolExecutor::shutdownNow);
    for (ThreadPoolExecutor executor : toStop) {
      try {
        if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          LOG.warn("A timer thread of {} did not stop within {} ms", name, CLOSE_TIMEOUT_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "Resources[" + name + "]";
  }
}
