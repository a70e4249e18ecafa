package io.zenoo.cache.memory;

import java.util.concurrent.atomic.LongAdder;

/**
 * The store's hits and misses, for the {@link WindowTuner}. Striped counters: a hit adds one to a cell of
 * its own thread's choosing, so concurrent readers do not contend on one cache line. Thread safe.
 */
final class RequestCounts {

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  void hit() {
    hits.increment();
  }

  void miss() {
    misses.increment();
  }

  long hits() {
    return hits.sum();
  }

  long misses() {
    return misses.sum();
  }
}
