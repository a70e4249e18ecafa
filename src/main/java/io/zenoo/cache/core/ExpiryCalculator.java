package io.zenoo.cache.core;

import io.zenoo.cache.store.StoreEntry;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an {@link ExpiryPolicy}'s durations into expiry instants on the engine's clock, with the spec's
 * rules: a zero duration means expired now, {@code null} from the update or access method means "leave the
 * expiry as it is", and an eternal duration means never. A policy that throws is logged and treated as
 * "leave it" (as eternal on creation), so a faulty policy never fails a cache call.
 *
 * <p>Each method calls the policy exactly once; the engine calls exactly the method the spec's table
 * names for the operation.
 */
final class ExpiryCalculator {

  private static final Logger LOG = LoggerFactory.getLogger(ExpiryCalculator.class);

  /** Returned by {@link #onCreation} when the entry must not be stored at all. */
  static final long NOT_STORED = Long.MIN_VALUE;

  private final ExpiryPolicy policy;
  private final boolean accessNeverChanges;
  private final boolean writeIgnoresExistence;
  private final boolean eternal;

  ExpiryCalculator(ExpiryPolicy policy) {
    this.policy = policy;
    // the spec's own created, modified and eternal policies answer null to every access: skip the call
    // (a subclass may override it, so only the exact classes qualify)
    Class<?> type = policy.getClass();
    this.accessNeverChanges =
        type == CreatedExpiryPolicy.class || type == ModifiedExpiryPolicy.class || type == EternalExpiryPolicy.class;
    boolean sameOnCreateAndUpdate = type == EternalExpiryPolicy.class
        || ((type == ModifiedExpiryPolicy.class || type == javax.cache.expiry.TouchedExpiryPolicy.class)
            && !policy.getExpiryForCreation().isZero());
    this.writeIgnoresExistence = sameOnCreateAndUpdate;
    this.eternal = type == EternalExpiryPolicy.class;
  }

  /**
   * Returns whether the policy is the spec's eternal one: every write it decides expires never, so a write
   * needs no clock reading.
   */
  boolean isEternal() {
    return eternal;
  }

  /**
   * Returns whether a write's expiry is the same whether the entry exists or not, and never "not stored":
   * the spec's eternal policy, and its modified and touched policies with a non-zero duration (creation and
   * update answer the same duration). Writes may then skip reading the entry first.
   */
  boolean writeIgnoresExistence() {
    return writeIgnoresExistence;
  }

  /** Returns the expiry instant of any write under {@link #writeIgnoresExistence()}. */
  long onAnyWrite(long now) {
    return onCreation(now);
  }

  /** Returns whether an access can never change an entry's expiry, so reads may skip the policy. */
  boolean accessNeverChanges() {
    return accessNeverChanges;
  }

  ExpiryPolicy policy() {
    return policy;
  }

  /** Returns the expiry instant of a new entry, or {@link #NOT_STORED} for a zero duration. */
  long onCreation(long now) {
    Duration d;
    try {
      d = policy.getExpiryForCreation();
    } catch (RuntimeException e) {
      LOG.warn("ExpiryPolicy.getExpiryForCreation failed; the entry will not expire", e);
      return StoreEntry.NEVER;
    }
    if (d == null) {
      return StoreEntry.NEVER;
    }
    if (d.isZero()) {
      return NOT_STORED;
    }
    return instant(now, d);
  }

  /** Returns the expiry instant after an update: the current one if the policy says null, now if zero. */
  long onUpdate(long now, long current) {
    Duration d;
    try {
      d = policy.getExpiryForUpdate();
    } catch (RuntimeException e) {
      LOG.warn("ExpiryPolicy.getExpiryForUpdate failed; the expiry is left unchanged", e);
      return current;
    }
    return d == null ? current : (d.isZero() ? now : instant(now, d));
  }

  /** Returns the expiry instant after an access: the current one if the policy says null, now if zero. */
  long onAccess(long now, long current) {
    Duration d;
    try {
      d = policy.getExpiryForAccess();
    } catch (RuntimeException e) {
      LOG.warn("ExpiryPolicy.getExpiryForAccess failed; the expiry is left unchanged", e);
      return current;
    }
    return d == null ? current : (d.isZero() ? now : instant(now, d));
  }

  /** Returns now plus a fixed time to live, saturating at never. */
  static long afterTtl(long now, java.time.Duration ttl) {
    long nanos;
    try {
      nanos = ttl.toNanos();
    } catch (ArithmeticException e) {
      return StoreEntry.NEVER;
    }
    long at = now + nanos;
    return (at < now) ? StoreEntry.NEVER : at;
  }

  private static long instant(long now, Duration d) {
    if (d.isEternal()) {
      return StoreEntry.NEVER;
    }
    long nanos = d.getTimeUnit().toNanos(d.getDurationAmount());
    if (nanos == Long.MAX_VALUE) {
      return StoreEntry.NEVER;
    }
    long at = now + nanos;
    return (at < now) ? StoreEntry.NEVER : at;
  }
}
