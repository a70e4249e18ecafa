package io.zenoo.cache.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers entry events to registered listeners, in order per key and listener.
 *
 * <p><b>Ordering.</b> The engine publishes while it holds the key's write lock, so publication order is the
 * order of the writes. Each (listener, key) pair has a chain of futures on the executor: an event runs after
 * the previous event of its chain, whatever its outcome. Different keys and listeners run concurrently.
 *
 * <p><b>Synchronous listeners.</b> Their futures are collected per calling thread during an operation; the
 * engine calls {@link #awaitSynchronous()} after the write is done and before returning, so the listener
 * has seen the event when the cache call returns. A failure of a synchronous listener reaches the caller as
 * a {@link CacheEntryListenerException}; the write itself stands. A failing asynchronous listener is logged.
 *
 * <p><b>Concurrency.</b> Thread safe. Registration changes are copy-on-write.
 */
public final class EventDispatcher<K, V> {

  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

  private final Executor executor;
  private final CopyOnWriteArrayList<Registration<K, V>> registrations = new CopyOnWriteArrayList<>();
  private final ConcurrentMap<Registration<K, V>, ConcurrentMap<K, CompletableFuture<Void>>> queues =
      new ConcurrentHashMap<>();
  private final ThreadLocal<List<CompletableFuture<Void>>> pending = ThreadLocal.withInitial(ArrayList::new);
  private volatile boolean active;

  /** Creates a dispatcher that runs listeners on the executor. */
  public EventDispatcher(Executor executor) {
    this.executor = executor;
  }

  /** Returns whether any listener is registered; when not, the engine skips building events. */
  public boolean hasListeners() {
    return active;
  }

  /**
   * Registers a listener configuration.
   *
   * @throws IllegalArgumentException if an equal configuration is already registered
   */
  public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
    for (Registration<K, V> r : registrations) {
      if (r.configuration.equals(configuration)) {
        throw new IllegalArgumentException("This listener configuration is already registered");
      }
    }
    Registration<K, V> registration = new Registration<>(configuration);
    queues.put(registration, new ConcurrentHashMap<>());
    registrations.add(registration);
    active = true;
  }

  /** Removes a listener configuration, closing its listener; returns whether it was registered. */
  public synchronized boolean deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    for (Registration<K, V> r : registrations) {
      if (r.configuration.equals(configuration)) {
        registrations.remove(r);
        queues.remove(r);
        active = !registrations.isEmpty();
        r.close();
        return true;
      }
    }
    return false;
  }

  /** Returns the registered configurations, in registration order. */
  public List<CacheEntryListenerConfiguration<K, V>> configurations() {
    List<CacheEntryListenerConfiguration<K, V>> list = new ArrayList<>();
    for (Registration<K, V> r : registrations) {
      list.add(r.configuration);
    }
    return list;
  }

  /** Publishes that an entry was created. */
  public void publishCreated(Cache<K, V> source, K key, V value) {
    publish(new EntryEvent<>(source, EventType.CREATED, key, value, null, false));
  }

  /** Publishes that an entry's value was replaced. */
  public void publishUpdated(Cache<K, V> source, K key, V oldValue, V newValue) {
    publish(new EntryEvent<>(source, EventType.UPDATED, key, newValue, oldValue, true));
  }

  /** Publishes that an entry was removed by a caller. */
  public void publishRemoved(Cache<K, V> source, K key, V oldValue) {
    publish(new EntryEvent<>(source, EventType.REMOVED, key, oldValue, oldValue, true));
  }

  /** Publishes that an entry expired. */
  public void publishExpired(Cache<K, V> source, K key, V oldValue) {
    publish(new EntryEvent<>(source, EventType.EXPIRED, key, oldValue, oldValue, true));
  }

  /**
   * Publishes that an entry expired on the store's own initiative (a sweep or an eviction): no caller
   * waits for it, so synchronous listeners get it like asynchronous ones.
   */
  public void publishExpiredDetached(Cache<K, V> source, K key, V oldValue) {
    publish(new EntryEvent<>(source, EventType.EXPIRED, key, oldValue, oldValue, true), false);
  }

  private void publish(EntryEvent<K, V> event) {
    publish(event, true);
  }

  private void publish(EntryEvent<K, V> event, boolean track) {
    for (Registration<K, V> registration : registrations) {
      if (!registration.accepts(event)) {
        continue;
      }
      ConcurrentMap<K, CompletableFuture<Void>> queue = queues.get(registration);
      if (queue == null) {
        continue; // deregistered meanwhile
      }
      K key = event.getKey();
      Runnable task = () -> registration.dispatch(event);
      CompletableFuture<Void> future =
          queue.compute(
              key,
              (k, previous) ->
                  previous == null
                      ? CompletableFuture.runAsync(task, executor)
                      : previous.handle((r, e) -> (Void) null).thenRunAsync(task, executor));
      future.whenComplete(
          (r, error) -> {
            queue.remove(key, future);
            if (error != null && !registration.isSynchronous()) {
              LOG.warn("Asynchronous listener failed on {} event", event.getEventType(), unwrap(error));
            }
          });
      if (track && registration.isSynchronous()) {
        pending.get().add(future);
      }
    }
  }

  /**
   * Waits for the synchronous listeners of the events this thread published.
   *
   * @throws CacheEntryListenerException if one of them failed
   */
  public void awaitSynchronous() {
    List<CompletableFuture<Void>> futures = pending.get();
    if (futures.isEmpty()) {
      return;
    }
    @Nullable Throwable failure = null;
    try {
      for (CompletableFuture<Void> future : futures) {
        try {
          future.join();
        } catch (CompletionException e) {
          if (failure == null) {
            failure = unwrap(e);
          }
        }
      }
    } finally {
      futures.clear();
    }
    if (failure instanceof CacheEntryListenerException listenerException) {
      throw listenerException;
    } else if (failure != null) {
      throw new CacheEntryListenerException("A synchronous listener failed: " + failure, failure);
    }
  }

  /** Forgets this thread's pending synchronous events, after an operation failed. */
  public void ignoreSynchronous() {
    pending.get().clear();
  }

  /** Deregisters and closes every listener. */
  public synchronized void close() {
    for (Registration<K, V> r : registrations) {
      r.close();
    }
    registrations.clear();
    queues.clear();
    active = false;
  }

  private static Throwable unwrap(Throwable t) {
    return (t instanceof CompletionException && t.getCause() != null) ? t.getCause() : t;
  }
}
