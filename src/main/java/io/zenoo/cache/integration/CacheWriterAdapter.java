package io.zenoo.cache.integration;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's view of a write-through {@link CacheWriter}: every failure surfaces as a
 * {@link CacheWriterException} with the cause attached. {@link #disabled()} is the null object of caches
 * that are not write-through.
 */
public final class CacheWriterAdapter<K, V> {

  private static final Logger LOG = LoggerFactory.getLogger(CacheWriterAdapter.class);
  private static final CacheWriterAdapter<?, ?> DISABLED = new CacheWriterAdapter<>(null);

  private final @Nullable CacheWriter<? super K, ? super V> writer;

  private CacheWriterAdapter(@Nullable CacheWriter<? super K, ? super V> writer) {
    this.writer = writer;
  }

  /** Returns an adapter over the writer. */
  public static <K, V> CacheWriterAdapter<K, V> of(CacheWriter<? super K, ? super V> writer) {
    return new CacheWriterAdapter<>(writer);
  }

  /** Returns the adapter that writes nothing. */
  @SuppressWarnings("unchecked")
  public static <K, V> CacheWriterAdapter<K, V> disabled() {
    return (CacheWriterAdapter<K, V>) DISABLED;
  }

  /** Returns whether there is a writer to call. */
  public boolean isEnabled() {
    return writer != null;
  }

  /** Writes one entry through. */
  public void write(Cache.Entry<? extends K, ? extends V> entry) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(entry);
    } catch (CacheWriterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheWriterException("The cache writer failed to write key " + entry.getKey() + ": " + e, e);
    }
  }

  /**
   * Writes entries through; on failure, the collection keeps exactly the entries that were not written.
   */
  public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
    if (writer == null || entries.isEmpty()) {
      return;
    }
    try {
      @SuppressWarnings("unchecked")
      CacheWriter<K, V> typed = (CacheWriter<K, V>) writer;
      typed.writeAll(entries);
    } catch (CacheWriterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheWriterException("The cache writer failed to write " + entries.size() + " entries: " + e, e);
    }
  }

  /** Deletes one key through. */
  public void delete(Object key) {
    if (writer == null) {
      return;
    }
    try {
      writer.delete(key);
    } catch (CacheWriterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheWriterException("The cache writer failed to delete key " + key + ": " + e, e);
    }
  }

  /** Deletes keys through; on failure, the collection keeps exactly the keys that were not deleted. */
  public void deleteAll(Collection<?> keys) {
    if (writer == null || keys.isEmpty()) {
      return;
    }
    try {
      writer.deleteAll(keys);
    } catch (CacheWriterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheWriterException("The cache writer failed to delete " + keys.size() + " keys: " + e, e);
    }
  }

  /** Returns a modifiable copy, for the batch forms that shrink their argument. */
  public static <T> Collection<T> mutableCopy(Collection<? extends T> items) {
    return new ArrayList<>(items);
  }

  /** Closes the writer if it is {@link Closeable}. */
  public void close() {
    if (writer instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Closing the cache writer failed", e);
      }
    }
  }
}
