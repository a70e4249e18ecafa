package io.zenoo.cache.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import javax.cache.Cache;

/**
 * A concurrent mixed load for fault tests: each thread owns its keys and keeps its own record of the last
 * value it wrote (or removed) per key, and checks every value it reads against it: a read may miss, but
 * must never return anything but the last value this thread wrote. Errors, stale reads and the longest
 * call are collected for the test to assert on.
 */
final class MixedLoad implements AutoCloseable {

  /** What the load saw. */
  record Report(long operations, List<Throwable> errors, List<String> staleReads, long longestCallNanos) {}

  private final Cache<String, String> cache;
  private final int keysPerThread;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong operations = new AtomicLong();
  private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> staleReads = new ConcurrentLinkedQueue<>();
  private final LongAccumulator longestCall = new LongAccumulator(Math::max, 0);

  MixedLoad(Cache<String, String> cache, int threads, int keysPerThread) {
    this.cache = cache;
    this.keysPerThread = keysPerThread;
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread thread = new Thread(() -> run(id), "mixed-load-" + t);
      thread.setDaemon(true);
      this.threads.add(thread);
    }
    this.threads.forEach(Thread::start);
  }

  /** Returns the operations completed so far, by all threads. */
  long operations() {
    return operations.get();
  }

  /** Returns the errors seen so far. */
  List<Throwable> errors() {
    return List.copyOf(errors);
  }

  /** Stops the threads and returns what they saw. */
  Report stop() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(TimeUnit.MINUTES.toMillis(1));
      if (thread.isAlive()) {
        errors.add(new AssertionError(thread.getName() + " is stuck in a cache call"));
      }
    }
    return new Report(operations.get(), List.copyOf(errors), List.copyOf(staleReads), longestCall.get());
  }

  @Override
  public void close() {
    running.set(false);
  }

  private void run(int id) {
    // absent from the map: never written; Optional.empty(): removed; otherwise the last value written
    Map<String, Optional<String>> last = new HashMap<>();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long sequence = 0;
    while (running.get()) {
      String key = "t" + id + "-k" + random.nextInt(keysPerThread);
      String value = "t" + id + "-v" + (++sequence);
      int dice = random.nextInt(100);
      long start = System.nanoTime();
      try {
        if (dice < 40) {
          check(key, cache.get(key), last);
        } else if (dice < 70) {
          cache.put(key, value);
          last.put(key, Optional.of(value));
        } else if (dice < 80) {
          cache.remove(key);
          last.put(key, Optional.empty());
        } else {
          String seen = cache.invoke(key, (entry, args) -> {
            String current = entry.exists() ? entry.getValue() : null;
            entry.setValue(value);
            return current;
          });
          check(key, seen, last);
          last.put(key, Optional.of(value));
        }
        operations.incrementAndGet();
      } catch (Throwable e) {
        errors.add(e);
      } finally {
        longestCall.accumulate(System.nanoTime() - start);
      }
    }
  }

  private void check(String key, String read, Map<String, Optional<String>> last) {
    if (read == null) {
      return; // a miss is always allowed: a cache may forget
    }
    Optional<String> expected = last.get(key);
    if (expected == null || expected.isEmpty() || !expected.get().equals(read)) {
      staleReads.add(key + ": read " + read + " but the last write was "
          + (expected == null ? "none" : expected.map(v -> v).orElse("a removal")));
    }
  }
}
