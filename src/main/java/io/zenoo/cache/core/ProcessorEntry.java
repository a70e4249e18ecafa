package io.zenoo.cache.core;

import java.util.Objects;
import javax.cache.processor.MutableEntry;
import org.jspecify.annotations.Nullable;

/**
 * The {@link MutableEntry} an entry processor works on. It records what the processor did, and
 * {@link #action()} reduces that to the one change the engine applies when the processor returns.
 * Confined to the thread running the processor.
 */
final class ProcessorEntry<K, V> implements MutableEntry<K, V> {

  /** The net effect of a processor on its entry. */
  enum Action {
    /** Nothing to apply. */
    NONE,
    /** The existing value was read: apply the access expiry. */
    READ,
    /** A value was loaded by read-through and not changed: store it as a creation, without the writer. */
    LOADED,
    /** A value was set on an absent entry. */
    CREATED,
    /** A value was set on an existing entry. */
    UPDATED,
    /** An existing entry was removed. */
    DELETED,
    /** An absent entry was removed: nothing to store, but the writer is told to delete. */
    DELETED_ABSENT
  }

  /** Loads a value for the key when the processor reads an absent entry. */
  interface Loader<K, V> {
    @Nullable V load(K key);
  }

  private final K key;
  private final boolean existed;
  private final @Nullable Loader<K, V> loader;
  private @Nullable V value;
  private boolean modified;
  private boolean loaded;
  private boolean read;
  private boolean createdHere;
  private boolean deleteThrough;

  ProcessorEntry(K key, @Nullable V value, @Nullable Loader<K, V> loader) {
    this.key = key;
    this.value = value;
    this.existed = value != null;
    this.loader = loader;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  @SuppressWarnings("NullAway") // JCache: null when the entry does not exist
  public V getValue() {
    if (value == null && !modified && !loaded && loader != null) {
      loaded = true;
      value = loader.load(key);
      if (value == null) {
        loaded = false;
      }
      return value;
    }
    read = true;
    return value;
  }

  @Override
  public boolean exists() {
    return value != null;
  }

  @Override
  public void remove() {
    modified = true;
    // removing what this processor itself created cancels it; any other removal is a delete
    deleteThrough = !createdHere;
    createdHere = false;
    value = null;
  }

  @Override
  public void setValue(V newValue) {
    Objects.requireNonNull(newValue, "value");
    modified = true;
    if (!existed) {
      createdHere = true;
    }
    value = newValue;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("Cannot unwrap a mutable entry to " + clazz.getName());
  }

  /** Returns the value the entry holds now. */
  @Nullable V currentValue() {
    return value;
  }

  /** Returns the net change to apply. */
  Action action() {
    if (modified) {
      if (value == null) {
        if (existed) {
          return Action.DELETED;
        }
        return deleteThrough ? Action.DELETED_ABSENT : Action.NONE;
      }
      return existed ? Action.UPDATED : Action.CREATED;
    }
    if (loaded && value != null) {
      return Action.LOADED;
    }
    return (read && existed) ? Action.READ : Action.NONE;
  }
}
