package io.zenoo.cache.resilience;

import io.zenoo.cache.store.StoreAccessException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import javax.cache.CacheException;

/**
 * A remote store's iterator with its outcome reported once to the circuit: success when the first page
 * arrived, and on a failure to fetch a page (a {@link CacheException} caused by a
 * {@link StoreAccessException}) the walk goes on with what the owner decides (the fallback's entries, or
 * nothing, or a thrown exception). For one thread, as iterators are.
 */
final class GuardedIterator<T> implements Iterator<T> {

  /** Decides how a walk goes on after its remote iterator failed. */
  @FunctionalInterface
  interface OnFailure<T> {
    Iterator<? extends T> next(StoreAccessException e, boolean returnedAny);
  }

  private Iterator<? extends T> current;
  private final OnFailure<T> onFailure;
  private final Runnable onSuccess;
  private boolean remote = true;
  private boolean reported;
  private boolean returnedAny;

  GuardedIterator(Iterator<? extends T> remote, OnFailure<T> onFailure, Runnable onSuccess) {
    this.current = remote;
    this.onFailure = onFailure;
    this.onSuccess = onSuccess;
  }

  @Override
  public boolean hasNext() {
    if (!remote) {
      return current.hasNext();
    }
    try {
      boolean more = current.hasNext();
      report();
      return more;
    } catch (CacheException e) {
      if (!(e.getCause() instanceof StoreAccessException failure)) {
        report();
        throw e;
      }
      remote = false;
      reported = true; // onFailure reports it
      current = onFailure.next(failure, returnedAny);
      return current.hasNext();
    }
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    returnedAny = true;
    return current.next();
  }

  @Override
  public void remove() {
    current.remove();
  }

  private void report() {
    if (!reported) {
      reported = true;
      onSuccess.run();
    }
  }
}
