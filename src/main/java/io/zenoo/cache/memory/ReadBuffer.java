package io.zenoo.cache.memory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * A bounded, lossy, multiple-producer single-consumer record of reads, striped by thread so that readers
 * rarely touch the same cache line. A full stripe refuses the record (the read then asks for a drain);
 * a record lost to a race between two producers on one stripe only makes recency slightly approximate.
 *
 * <p>Producers call {@link #offer}; the single consumer, holding the owner's eviction lock, calls
 * {@link #drainTo}.
 */
final class ReadBuffer<T> {

  static final int STRIPES = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4);
  static final int STRIPE_SIZE = 64;
  private static final int MASK = STRIPE_SIZE - 1;

  /** Returned by {@link #offer} when the record was taken. */
  static final int SUCCESS = 0;
  /** Returned by {@link #offer} when the stripe is full and should be drained. */
  static final int FULL = 1;
  /** Returned by {@link #offer} when another producer won the slot; the record was dropped. */
  static final int CONTENDED = 2;

  private final Stripe<T>[] stripes;

  @SuppressWarnings({"unchecked", "rawtypes"})
  ReadBuffer() {
    stripes = new Stripe[STRIPES];
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe<>();
    }
  }

  int offer(T item) {
    long id = Thread.currentThread().getId();
    int index = (int) ((id * 0x9E3779B97F4A7C15L) >>> 40) & (STRIPES - 1);
    return stripes[index].offer(item);
  }

  void drainTo(Consumer<T> consumer) {
    for (Stripe<T> stripe : stripes) {
      stripe.drainTo(consumer);
    }
  }

  private static final class Stripe<T> {
    final AtomicLong writeCounter = new AtomicLong();
    volatile long readCounter;
    final AtomicReferenceArray<T> slots = new AtomicReferenceArray<>(STRIPE_SIZE);

    int offer(T item) {
      long tail = writeCounter.get();
      if (tail - readCounter >= STRIPE_SIZE) {
        return FULL;
      }
      if (writeCounter.compareAndSet(tail, tail + 1)) {
        slots.lazySet((int) (tail & MASK), item);
        return SUCCESS;
      }
      return CONTENDED;
    }

    void drainTo(Consumer<T> consumer) {
      long head = readCounter;
      long tail = writeCounter.get();
      while (head < tail) {
        int index = (int) (head & MASK);
        T item = slots.get(index);
        if (item == null) {
          break; // claimed but not yet published: take it on the next drain
        }
        slots.lazySet(index, null);
        consumer.accept(item);
        head++;
      }
      readCounter = head;
    }
  }
}
