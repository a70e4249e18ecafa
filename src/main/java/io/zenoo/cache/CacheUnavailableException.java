package io.zenoo.cache;

/**
 * Thrown when a cache's backend is unavailable and nothing may serve in its place: Redis is down, hung or
 * refusing connections (its circuit is open, or the call failed after its retries) and the in-memory
 * fallback is disabled. The message names the cache, the operation, the server (credentials masked) and
 * why it is unavailable. Thrown quickly: an open circuit sends nothing to the server.
 */
public class CacheUnavailableException extends CacheAccessException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message says what is unavailable and why. */
  public CacheUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
