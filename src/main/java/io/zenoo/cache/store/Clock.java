package io.zenoo.cache.store;

/**
 * A monotonic source of time in nanoseconds. Every expiry decision and every wait reads time through a
 * {@code Clock}, so tests move a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Clock {

  /** Returns the current reading in nanoseconds; only differences between readings are meaningful. */
  long nanos();

  /** The system clock, backed by {@link System#nanoTime()}; {@link #system()} always returns this one. */
  Clock SYSTEM = System::nanoTime;

  /** Returns the system clock, backed by {@link System#nanoTime()}. */
  static Clock system() {
    return SYSTEM;
  }
}
