package io.zenoo.cache.store;

/**
 * Thrown by a {@link Store} when the underlying storage could not be reached or answered with an error.
 * The resilience layer decides whether to retry, open the circuit or fall back; what remains becomes a
 * {@code javax.cache.CacheException} at the JCache boundary.
 */
public class StoreAccessException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message says what failed and why. */
  public StoreAccessException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception whose message says what failed. */
  public StoreAccessException(String message) {
    super(message);
  }
}
