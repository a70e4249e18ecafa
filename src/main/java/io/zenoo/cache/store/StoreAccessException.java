package io.zenoo.cache.store;

/**
 * Thrown by a {@link Store} when the underlying storage could not be reached or answered with an error.
 * Its {@link Kind} tells the resilience layer what it may do: retry, count it against the circuit, fall
 * back; what remains becomes a {@code javax.cache.CacheException} at the JCache boundary.
 */
public class StoreAccessException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What kind of failure this is, which decides whether trying again can help and is safe. */
  public enum Kind {
    /**
     * The storage was not reached (connection refused, not connected, a transient "try later" answer):
     * nothing was applied, so any operation may be tried again.
     */
    UNREACHABLE,
    /**
     * The request may have been sent but no answer came in time (a timeout, a connection lost in flight):
     * the storage may or may not have applied it, so only idempotent operations are tried again.
     */
    TIMEOUT,
    /**
     * The storage answered with an error, or the store gave up for a reason that waiting does not cure:
     * never tried again, and it says nothing against the storage's health.
     */
    ERROR,
    /**
     * The store gave up for a reason inside this process, before or without an answer of the storage (a wait
     * for another local writer of the key): never tried again, never served by a
     * fallback, and it says nothing about the storage's health either way.
     */
    LOCAL;

    /** Returns whether the failure says the storage is unusable now (counted by the circuit breaker). */
    public boolean isTransient() {
      return this == UNREACHABLE || this == TIMEOUT;
    }
  }

  private final Kind kind;

  /** Creates an exception of the given kind whose message says what failed and why. */
  public StoreAccessException(String message, Throwable cause, Kind kind) {
    super(message, cause);
    this.kind = kind;
  }

  /** Creates an {@link Kind#ERROR} whose message says what failed and why. */
  public StoreAccessException(String message, Throwable cause) {
    this(message, cause, Kind.ERROR);
  }

  /** Creates an {@link Kind#ERROR} whose message says what failed. */
  public StoreAccessException(String message) {
    super(message);
    this.kind = Kind.ERROR;
  }

  /** Returns the kind of failure. */
  public Kind kind() {
    return kind;
  }
}
