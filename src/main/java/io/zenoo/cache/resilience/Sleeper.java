package io.zenoo.cache.resilience;

import java.util.concurrent.TimeUnit;

/** Waits between retries; injected so that tests move a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  /** Blocks the calling thread for the given nanoseconds. */
  void sleep(long nanos) throws InterruptedException;

  /** Returns the sleeper that really waits. */
  static Sleeper system() {
    return TimeUnit.NANOSECONDS::sleep;
  }
}
