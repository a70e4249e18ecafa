package io.zenoo.cache.core;

import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The engine's side of cache transactions: which unit of work, if any, the calling thread has open, so
 * that cache operations on that thread record their writes in it instead of applying them.
 *
 * <p>The unit of work itself (its states, commit over several caches, the public API) lives in
 * {@code io.zenoo.cache.transaction}, which implements {@link Scope} and binds it here; the engine only
 * asks this class, so {@code core} does not depend on that package.
 *
 * <p><b>Cost when no transaction is open.</b> A cache operation first reads the number of transactions
 * open in the JVM ({@link #anyOpen()}: one volatile read) and looks up the thread's binding (a
 * {@code ThreadLocal}) only when it is not zero.
 *
 * <p><b>Threads.</b> A scope is bound to the thread that opened it. It may end on another thread (a JTA
 * transaction manager may complete a transaction on its own thread); the opening thread then finds it no
 * longer active and forgets it at its next cache operation, which goes straight to the cache.
 */
public final class TransactionBinding {

  private static final AtomicInteger OPEN = new AtomicInteger();
  private static final ThreadLocal<@Nullable Scope> BOUND = new ThreadLocal<>();

  private TransactionBinding() {}

  /** A unit of work as the engine sees it. Implemented by the transaction package. */
  public interface Scope {

    /** Returns whether the scope still records writes (it has not begun to commit or roll back). */
    boolean isActive();

    /**
     * Returns the writes this scope holds for the cache, or null when it has none and {@code enlist} is
     * false; with {@code enlist}, creates them on first use.
     *
     * @throws IllegalStateException if the scope is no longer active
     */
    <K, V> @Nullable PendingWrites<K, V> writesOf(CacheEngine<K, V> cache, boolean enlist);
  }

  /**
   * Binds the scope to the calling thread and counts it open.
   *
   * @throws IllegalStateException if an active scope is bound to the thread already (no nesting)
   */
  public static void bind(Scope scope) {
    if (current() != null) {
      throw new IllegalStateException(
          "A cache transaction is already open on this thread, and cache transactions do not nest: commit or "
              + "roll back the open one first");
    }
    BOUND.set(scope);
    OPEN.incrementAndGet();
  }

  /**
   * Counts the scope closed, and unbinds it if it is the calling thread's. Called exactly once per bound
   * scope, from whichever thread ended it.
   */
  public static void ended(Scope scope) {
    OPEN.decrementAndGet();
    if (BOUND.get() == scope) {
      BOUND.remove();
    }
  }

  /** Returns the active scope bound to the calling thread, or null. */
  public static @Nullable Scope current() {
    Scope scope = BOUND.get();
    if (scope != null && !scope.isActive()) {
      BOUND.remove();
      return null;
    }
    return scope;
  }

  /** Returns whether any thread of the JVM has a transaction open: the engine's one check when none does. */
  static boolean anyOpen() {
    return OPEN.get() != 0;
  }

  /**
   * Returns the cache's pending writes in the calling thread's transaction, or null when the thread has
   * none open (or, without {@code enlist}, when the transaction has not written to this cache).
   */
  static <K, V> @Nullable PendingWrites<K, V> writes(CacheEngine<K, V> cache, boolean enlist) {
    Scope scope = current();
    return scope == null ? null : scope.writesOf(cache, enlist);
  }
}
