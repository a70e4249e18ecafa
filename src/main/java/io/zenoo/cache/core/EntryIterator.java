package io.zenoo.cache.core;

import static java.util.Objects.requireNonNull;

import io.zenoo.cache.management.CacheStatistics;
import io.zenoo.cache.serialization.Copier;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.StoreEntry;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.cache.Cache;
import org.jspecify.annotations.Nullable;

/**
 * Iterates live entries; each entry returned counts as a hit and applies the access expiry, and
 * {@link Iterator#remove()} removes through the cache (writer, event, statistics). It walks the store's own
 * iterator, skipping expired entries and values that do not decode; like any iterator, it is used by one
 * thread at a time.
 */
final class EntryIterator<K, V> implements Iterator<Cache.Entry<K, V>> {

  private final CacheEngine<K, V> engine;
  private final Copier copier;
  private final Clock clock;
  private final CacheStatistics statistics;
  private final Iterator<? extends Map.Entry<K, ? extends StoreEntry<Object>>> delegate;
  private Cache.@Nullable Entry<K, V> next;
  private @Nullable K lastKey;

  EntryIterator(CacheEngine<K, V> engine) {
    this.engine = engine;
    this.copier = engine.copier();
    this.clock = engine.clock();
    this.statistics = engine.statistics();
    this.delegate = engine.store().iterator();
  }

  @Override
  public boolean hasNext() {
    while (next == null && delegate.hasNext()) {
      Map.Entry<K, ? extends StoreEntry<Object>> candidate = delegate.next();
      @SuppressWarnings("unchecked")
      StoreEntry<Object> entry = (StoreEntry<Object>) candidate.getValue();
      long now = clock.nanos();
      if (!entry.isExpired(now)) {
        K key = candidate.getKey();
        V value = engine.read(key, entry, now);
        if (value != null) {
          next = new EngineEntry<>(copier.copyKey(key), value);
        }
      }
    }
    return next != null;
  }

  @Override
  public Cache.Entry<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Cache.Entry<K, V> result = requireNonNull(next);
    next = null;
    lastKey = result.getKey();
    engine.countHits(1);
    statistics.recordHits(1);
    return result;
  }

  @Override
  public void remove() {
    engine.requireOpen();
    K key = lastKey;
    if (key == null) {
      throw new IllegalStateException("next() has not been called, or remove() was already called");
    }
    lastKey = null;
    engine.remove(key);
  }
}
