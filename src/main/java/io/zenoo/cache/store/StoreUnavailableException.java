package io.zenoo.cache.store;

/**
 * Thrown instead of trying the storage when it is known to be unusable (its circuit is open) or after it
 * failed and no fallback may serve: the caller learns quickly that the backend is unavailable and why.
 */
public class StoreUnavailableException extends StoreAccessException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message says which storage is unavailable and why. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause, Kind.UNREACHABLE);
  }

  /** Creates an exception whose message says which storage is unavailable and why. */
  public StoreUnavailableException(String message) {
    super(message, new IllegalStateException(message), Kind.UNREACHABLE);
  }
}
