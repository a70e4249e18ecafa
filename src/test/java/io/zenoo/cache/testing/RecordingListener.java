package io.zenoo.cache.testing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;

/** A synchronous-friendly listener that records "TYPE key old->new" lines. */
public final class RecordingListener<K, V>
    implements CacheEntryCreatedListener<K, V>,
        CacheEntryUpdatedListener<K, V>,
        CacheEntryRemovedListener<K, V>,
        CacheEntryExpiredListener<K, V>,
        Serializable {

  private static final long serialVersionUID = 1L;
  private final List<String> events = new ArrayList<>();

  private synchronized void record(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
    for (CacheEntryEvent<? extends K, ? extends V> e : batch) {
      String old = e.isOldValueAvailable() ? String.valueOf(e.getOldValue()) : "-";
      events.add(e.getEventType() + " " + e.getKey() + " " + old + "->" + e.getValue());
    }
  }

  /** Returns the events recorded so far and forgets them. */
  public synchronized List<String> drain() {
    List<String> copy = new ArrayList<>(events);
    events.clear();
    return copy;
  }

  @Override
  public void onCreated(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    record(events);
  }

  @Override
  public void onUpdated(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    record(events);
  }

  @Override
  public void onRemoved(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    record(events);
  }

  @Override
  public void onExpired(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    record(events);
  }
}
