package io.zenoo.cache.testing;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/** An expiry policy that counts its calls and answers what the test set. */
public final class CountingExpiryPolicy implements ExpiryPolicy, Serializable {

  private static final long serialVersionUID = 1L;

  public final AtomicInteger creations = new AtomicInteger();
  public final AtomicInteger updates = new AtomicInteger();
  public final AtomicInteger accesses = new AtomicInteger();
  public volatile Duration creation = Duration.ETERNAL;
  public volatile Duration update;
  public volatile Duration access;

  @Override
  public Duration getExpiryForCreation() {
    creations.incrementAndGet();
    return creation;
  }

  @Override
  public Duration getExpiryForAccess() {
    accesses.incrementAndGet();
    return access;
  }

  @Override
  public Duration getExpiryForUpdate() {
    updates.incrementAndGet();
    return update;
  }

  /** Returns "creations/updates/accesses" and resets the counts. */
  public String drain() {
    return creations.getAndSet(0) + "/" + updates.getAndSet(0) + "/" + accesses.getAndSet(0);
  }
}
