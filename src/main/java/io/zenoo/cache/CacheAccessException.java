package io.zenoo.cache;

import javax.cache.CacheException;

/**
 * Thrown when a cache operation could not reach its backend's storage. The message names the cache, the
 * operation and the cause; credentials never appear in it.
 */
public class CacheAccessException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message says what failed and why. */
  public CacheAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
