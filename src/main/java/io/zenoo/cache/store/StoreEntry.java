package io.zenoo.cache.store;

/**
 * One mapping as a store holds it: the stored value and the instant it expires.
 *
 * @param <V> the stored value type
 */
public interface StoreEntry<V> {

  /** An expiry instant meaning "never". */
  long NEVER = Long.MAX_VALUE;

  /** Returns the stored value. */
  V value();

  /** Returns the {@link Clock} reading at or after which this entry is expired, or {@link #NEVER}. */
  long expireAt();

  /** Returns whether this entry is expired at the given clock reading. */
  default boolean isExpired(long now) {
    return expireAt() <= now;
  }

  /** Returns a detached entry, as given to a {@link Store.Remapping} result. */
  static <V> StoreEntry<V> of(V value, long expireAt) {
    return new Detached<>(value, expireAt);
  }

  /** A plain value-and-expiry pair, used to tell a store what to write. */
  record Detached<V>(V value, long expireAt) implements StoreEntry<V> {}
}
