package io.zenoo.cache.transaction;

import javax.cache.CacheException;

/**
 * Thrown by {@link CacheTransaction#commit()} when a cache's store failed while the commit was writing the
 * transaction's batches. The message names the cache that failed, the caches whose batches were applied
 * before it (they keep them) and those not applied; the cause is the store's failure.
 */
public class CacheTransactionException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message says what was and was not applied, and why. */
  public CacheTransactionException(String message, Throwable cause) {
    super(message, cause);
  }
}
