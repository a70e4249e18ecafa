package io.zenoo.cache.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The retry schedule: the delay before attempt {@code n} (n ≥ 2) is {@code min(max, base·2^(n-2))},
 * jittered. The same schedule paces reconnection.
 *
 * <p>Jitter is "equal jitter": the delay is drawn uniformly from the upper half of the nominal delay,
 * {@code [nominal/2, nominal]}, so clients that failed together spread out while each keeps at least half
 * of its back-off. Immutable and thread safe.
 */
public final class Backoff {

  private final long baseNanos;
  private final long maxNanos;
  private final DoubleSupplier random;

  /**
   * Creates a schedule.
   *
   * @param base the nominal delay before the second attempt, positive
   * @param max the cap of every delay, at least {@code base}
   * @param random draws from [0, 1) for the jitter
   */
  public Backoff(Duration base, Duration max, DoubleSupplier random) {
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("retry_backoff_base must be > 0, but was " + base);
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "retry_backoff_max must be >= retry_backoff_base (" + base + "), but was " + max);
    }
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** Creates a schedule with jitter drawn from {@link ThreadLocalRandom}. */
  public Backoff(Duration base, Duration max) {
    this(base, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Returns the delay before the given attempt without jitter: 0 before the first. */
  public long nominalNanos(long attempt) {
    if (attempt < 2) {
      return 0;
    }
    long shift = attempt - 2;
    // base·2^shift overflows (or passes max) once the shift reaches base's leading zeros
    if (shift >= Long.numberOfLeadingZeros(baseNanos) - 1) {
      return maxNanos;
    }
    return Math.min(maxNanos, baseNanos << shift);
  }

  /** Returns the jittered delay before the given attempt, in {@code [nominal/2, nominal]}. */
  public long delayNanos(long attempt) {
    long nominal = nominalNanos(attempt);
    long floor = nominal / 2;
    double r = Math.min(Math.max(random.getAsDouble(), 0d), 1d);
    return floor + (long) (r * (nominal - floor));
  }
}
