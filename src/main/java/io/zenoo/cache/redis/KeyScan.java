package io.zenoo.cache.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.cache.CacheException;

/**
 * The operations of a {@link RedisStore} on all of its cache's keys, found with {@code SCAN} over the
 * cache's prefix ({@link RedisKeys#pattern}) in pages of {@value RedisBatches#PAGE}: {@link Store#clear}
 * (each page deleted with {@code UNLINK}; never {@code FLUSHDB}), {@link Store#size} and the iterator.
 *
 * <p>What a walk finds is what {@code SCAN} promises: every key present from its start to its end; a key
 * written or deleted meanwhile may or may not be found, and a key may be found twice.
 *
 * <p>Thread safe; each iterator is for one thread.
 *
 * @param <K> the key type
 */
final class KeyScan<K> {

  private final RedisCalls calls;
  private final RedisKeys<K> keys;
  private final Envelopes envelopes;

  KeyScan(RedisCalls calls, RedisKeys<K> keys, Envelopes envelopes) {
    this.calls = calls;
    this.keys = keys;
    this.envelopes = envelopes;
  }

  /** Deletes every key of the cache, page by page. */
  void clear() throws StoreAccessException {
    try {
      RedisClusterCommands<byte[], byte[]> redis = calls.sync();
      ScanCursor cursor = ScanCursor.INITIAL;
      ScanArgs args = scanArgs();
      do {
        KeyScanCursor<byte[]> page = redis.scan(cursor, args);
        List<byte[]> found = page.getKeys();
        if (!found.isEmpty()) {
          redis.unlink(found.toArray(new byte[0][]));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } catch (RedisException e) {
      throw calls.failure("clear", e);
    }
  }

  /** Returns the number of the cache's keys, or -1 while Redis cannot be reached. */
  long size() {
    try {
      RedisClusterCommands<byte[], byte[]> redis = calls.sync();
      long count = 0;
      ScanCursor cursor = ScanCursor.INITIAL;
      ScanArgs args = scanArgs();
      do {
        KeyScanCursor<byte[]> page = redis.scan(cursor, args);
        count += page.getKeys().size();
        cursor = page;
      } while (!cursor.isFinished());
      return count;
    } catch (RedisException | StoreAccessException e) {
      return -1; // unknown while Redis cannot be reached; statistics show it as such
    }
  }

  /**
   * Returns an iterator over the cache's entries, fetched page by page; a failure to reach Redis while
   * iterating is thrown as a {@link CacheException} naming the server.
   */
  Iterator<Map.Entry<K, RedisEntry>> iterator() {
    return new ScanIterator();
  }

  private ScanArgs scanArgs() {
    return ScanArgs.Builder.matches(keys.pattern()).limit(RedisBatches.PAGE);
  }

  /** Walks this cache's keys with SCAN, fetching their entries page by page with MGET. */
  private final class ScanIterator implements Iterator<Map.Entry<K, RedisEntry>> {
    private ScanCursor cursor = ScanCursor.INITIAL;
    private final List<Map.Entry<K, RedisEntry>> page = new ArrayList<>();
    private int index;

    @Override
    public boolean hasNext() {
      while (index >= page.size()) {
        if (cursor.isFinished()) {
          return false;
        }
        fetch();
      }
      return true;
    }

    @Override
    public Map.Entry<K, RedisEntry> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.get(index++);
    }

    private void fetch() {
      page.clear();
      index = 0;
      try {
        RedisClusterCommands<byte[], byte[]> redis = calls.sync();
        KeyScanCursor<byte[]> scanned = redis.scan(cursor, scanArgs());
        cursor = scanned;
        List<byte[]> found = scanned.getKeys();
        if (found.isEmpty()) {
          return;
        }
        List<KeyValue<byte[], byte[]>> values = redis.mget(found.toArray(new byte[0][]));
        for (KeyValue<byte[], byte[]> kv : values) {
          if (kv.hasValue()) {
            RedisEntry entry = envelopes.read(kv.getValue());
            if (entry != null) {
              page.add(new AbstractMap.SimpleImmutableEntry<>(keys.decode(kv.getKey()), entry));
            }
          }
        }
      } catch (RedisException | StoreAccessException e) {
        throw new CacheException("Iterating the cache on Redis at " + calls.lease().server() + " failed: "
            + RedisFailures.describe(e), e);
      }
    }
  }
}
