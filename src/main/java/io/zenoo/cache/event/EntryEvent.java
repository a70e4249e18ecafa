package io.zenoo.cache.event;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.jspecify.annotations.Nullable;

/**
 * One entry event. For REMOVED and EXPIRED events the removed value is both the value and the old value,
 * and {@link #isOldValueAvailable()} is true; for UPDATED the previous value is the old value.
 */
final class EntryEvent<K, V> extends CacheEntryEvent<K, V> {

  private static final long serialVersionUID = 1L;

  private final K key;
  private final @Nullable V value;
  private final @Nullable V oldValue;
  private final boolean oldValueAvailable;

  EntryEvent(
      Cache<K, V> source,
      EventType type,
      K key,
      @Nullable V value,
      @Nullable V oldValue,
      boolean oldValueAvailable) {
    super(source, type);
    this.key = key;
    this.value = value;
    this.oldValue = oldValue;
    this.oldValueAvailable = oldValueAvailable;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  @SuppressWarnings("NullAway") // JCache's API is unannotated: a created event always has a value
  public V getValue() {
    return value;
  }

  @Override
  @SuppressWarnings("NullAway")
  public V getOldValue() {
    return oldValue;
  }

  @Override
  public boolean isOldValueAvailable() {
    return oldValueAvailable;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("Cannot unwrap a cache entry event to " + clazz.getName());
  }

  @Override
  public String toString() {
    return getEventType() + "[" + key + "]";
  }
}
