package io.zenoo.cache.event;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A registered listener: its configuration, the listener and filter it created, and how to deliver. */
final class Registration<K, V> {

  private static final Logger LOG = LoggerFactory.getLogger(Registration.class);

  final CacheEntryListenerConfiguration<K, V> configuration;
  private final CacheEntryListener<? super K, ? super V> listener;
  private final @Nullable CacheEntryEventFilter<? super K, ? super V> filter;

  Registration(CacheEntryListenerConfiguration<K, V> configuration) {
    this.configuration = configuration;
    Factory<CacheEntryListener<? super K, ? super V>> listenerFactory =
        configuration.getCacheEntryListenerFactory();
    if (listenerFactory == null) {
      throw new IllegalArgumentException("The listener configuration has no listener factory");
    }
    this.listener = listenerFactory.create();
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
        configuration.getCacheEntryEventFilterFactory();
    this.filter = filterFactory == null ? null : filterFactory.create();
  }

  boolean isSynchronous() {
    return configuration.isSynchronous();
  }

  /** Returns whether this listener takes events of the type and the filter accepts this one. */
  boolean accepts(EntryEvent<K, V> event) {
    boolean typed =
        switch (event.getEventType()) {
          case CREATED -> listener instanceof CacheEntryCreatedListener;
          case UPDATED -> listener instanceof CacheEntryUpdatedListener;
          case REMOVED -> listener instanceof CacheEntryRemovedListener;
          case EXPIRED -> listener instanceof CacheEntryExpiredListener;
        };
    return typed && (filter == null || filter.evaluate(event));
  }

  @SuppressWarnings("unchecked")
  void dispatch(EntryEvent<K, V> event) {
    Iterable<CacheEntryEvent<? extends K, ? extends V>> events = List.of(event);
    EventType type = event.getEventType();
    switch (type) {
      case CREATED -> ((CacheEntryCreatedListener<K, V>) listener).onCreated(events);
      case UPDATED -> ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(events);
      case REMOVED -> ((CacheEntryRemovedListener<K, V>) listener).onRemoved(events);
      case EXPIRED -> ((CacheEntryExpiredListener<K, V>) listener).onExpired(events);
    }
  }

  void close() {
    closeQuietly(listener);
    closeQuietly(filter);
  }

  static void closeQuietly(@Nullable Object o) {
    if (o instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Closing {} failed", o.getClass().getName(), e);
      }
    }
  }
}
