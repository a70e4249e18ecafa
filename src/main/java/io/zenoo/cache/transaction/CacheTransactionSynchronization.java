package io.zenoo.cache.transaction;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a {@link CacheTransaction} to a JTA transaction: registered with the JTA transaction, it commits
 * the cache transaction when the JTA one committed and rolls it back on any other outcome, so cache writes
 * made during the JTA transaction land only if its resources committed.
 *
 * <pre>{@code
 * transactionManager.begin();
 * transactionManager.getTransaction().registerSynchronization(CacheTransactionSynchronization.begin());
 * ... // cache writes on this thread are recorded
 * transactionManager.commit();   // afterCompletion(STATUS_COMMITTED) applies them
 * }</pre>
 *
 * <p>{@link #beforeCompletion()} does nothing: the cache writes wait for the outcome. A failure to apply
 * them in {@link #afterCompletion(int)} is logged and rethrown (transaction managers log and ignore what
 * {@code afterCompletion} throws: the JTA transaction is already over). {@code afterCompletion} may run on
 * a thread other than the one that began the transaction.
 *
 * <p>Needs {@code jakarta.transaction:jakarta.transaction-api} on the class path (an optional dependency).
 */
public final class CacheTransactionSynchronization implements Synchronization {

  private static final Logger LOG = LoggerFactory.getLogger(CacheTransactionSynchronization.class);

  private final CacheTransaction transaction;

  /** Creates a synchronization that completes the given cache transaction. */
  public CacheTransactionSynchronization(CacheTransaction transaction) {
    this.transaction = java.util.Objects.requireNonNull(transaction, "transaction");
  }

  /**
   * Begins a cache transaction on the calling thread and returns its synchronization, to register with
   * the JTA transaction.
   *
   * @throws IllegalStateException if the thread has a cache transaction open already
   */
  public static CacheTransactionSynchronization begin() {
    return new CacheTransactionSynchronization(CacheTransaction.begin());
  }

  /** Returns the cache transaction this synchronization completes. */
  public CacheTransaction transaction() {
    return transaction;
  }

  /** Does nothing: cache writes are applied only once the outcome is known. */
  @Override
  public void beforeCompletion() {}

  /**
   * Commits the cache transaction if {@code status} is {@link Status#STATUS_COMMITTED}, rolls it back
   * otherwise (a cache transaction already ended is left as it is).
   */
  @Override
  public void afterCompletion(int status) {
    if (status != Status.STATUS_COMMITTED) {
      transaction.close();
      return;
    }
    try {
      transaction.commit();
    } catch (RuntimeException e) {
      LOG.error("The JTA transaction committed, but its cache writes were not all applied: {}", e.getMessage(), e);
      throw e;
    }
  }

  @Override
  public String toString() {
    return "CacheTransactionSynchronization[" + transaction.status() + "]";
  }
}
