package io.zenoo.cache.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.ByteArrayOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The operations of a {@link RedisStore} on many keys at once: {@link Store#getAll} with {@code MGET},
 * {@link Store#putAll} as one flushed pipeline of {@code SET … GET}, {@link Store#writeAll} as
 * {@code MULTI … EXEC}, and the unconditional deletion of given keys with {@code UNLINK}. Reads and
 * deletions go in pages of {@value #PAGE} keys, so that no single command grows without bound.
 *
 * <p>Thread safe. Each entry written is a new envelope, as a single put writes it.
 *
 * @param <K> the key type
 */
final class RedisBatches<K> {

  /** Keys per command of a paged operation ({@code MGET}, {@code UNLINK}), and per {@code SCAN} page. */
  static final int PAGE = 500;

  private final RedisCalls calls;
  private final RedisKeys<K> keys;
  private final Envelopes envelopes;

  RedisBatches(RedisCalls calls, RedisKeys<K> keys, Envelopes envelopes) {
    this.calls = calls;
    this.keys = keys;
    this.envelopes = envelopes;
  }

  /** Fetches every key with one {@code MGET}, in pages of {@value #PAGE}. */
  Map<K, StoreEntry<Object>> getAll(Collection<K> wanted) throws StoreAccessException {
    Map<K, StoreEntry<Object>> found = new HashMap<>();
    List<K> all = new ArrayList<>(wanted);
    try {
      for (int from = 0; from < all.size(); from += PAGE) {
        List<K> page = all.subList(from, Math.min(all.size(), from + PAGE));
        byte[][] redisKeys = encode(page);
        List<KeyValue<byte[], byte[]>> values = calls.sync().mget(redisKeys);
        for (int i = 0; i < values.size(); i++) {
          KeyValue<byte[], byte[]> kv = values.get(i);
          RedisEntry entry = kv.hasValue() ? envelopes.read(kv.getValue()) : null;
          if (entry != null) {
            found.put(page.get(i), entry);
          }
        }
      }
      return found;
    } catch (RedisException e) {
      throw calls.failure("MGET", e);
    }
  }

  /** Deletes the keys with {@code UNLINK}, in pages of {@value #PAGE}. */
  void invalidate(Collection<K> wanted) throws StoreAccessException {
    List<K> all = new ArrayList<>(wanted);
    try {
      for (int from = 0; from < all.size(); from += PAGE) {
        List<K> page = all.subList(from, Math.min(all.size(), from + PAGE));
        byte[][] redisKeys = encode(page);
        calls.sync().unlink(redisKeys);
      }
    } catch (RedisException e) {
      throw calls.failure("UNLINK", e);
    }
  }

  private byte[][] encode(List<K> page) {
    byte[][] redisKeys = new byte[page.size()][];
    for (int i = 0; i < redisKeys.length; i++) {
      redisKeys[i] = keys.encode(page.get(i));
    }
    return redisKeys;
  }

  /** Sends every {@code SET … GET} at once on the multiplexed connection and waits for all the replies. */
  List<@Nullable StoreEntry<Object>> putAll(Map<K, Object> entries, long expireAt) throws StoreAccessException {
    StatefulConnection<byte[], byte[]> connection = calls.multiplexed();
    long expireAtMillis = envelopes.toWallMillis(expireAt);
    long ttl = envelopes.ttlMillis(expireAtMillis);
    List<AsyncCommand<byte[], byte[], byte[]>> batch = new ArrayList<>(entries.size());
    for (Map.Entry<K, Object> e : entries.entrySet()) {
      byte[] bytes = envelopes.encode(e.getValue(), expireAtMillis);
      batch.add(setGet(keys.encode(e.getKey()), bytes, ttl));
    }
    List<@Nullable StoreEntry<Object>> previous = new ArrayList<>(batch.size());
    try {
      // one write and one flush for the whole batch (the commands API would flush each command)
      connection.dispatch(batch);
      for (AsyncCommand<byte[], byte[], byte[]> reply : batch) {
        previous.add(envelopes.read(reply.join()));
      }
    } catch (CompletionException e) {
      throw calls.failure("SET (putAll)", RedisCalls.asRedisException(e));
    } catch (RedisException e) {
      throw calls.failure("SET (putAll)", e);
    }
    return previous;
  }

  /** Returns {@code SET key value [PX ttl] GET} as a command to dispatch (ttl 0: none). */
  private static AsyncCommand<byte[], byte[], byte[]> setGet(byte[] key, byte[] value, long ttl) {
    CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(key).addValue(value);
    if (ttl > 0) {
      args.add("PX").add(ttl);
    }
    args.add("GET");
    return new AsyncCommand<>(
        new Command<>(CommandType.SET, new ByteArrayOutput<>(ByteArrayCodec.INSTANCE), args));
  }

  /**
   * Applies the batch atomically as one {@code MULTI ... EXEC} ({@link MultiExec}) on a connection opened
   * for this call and closed after it; on a Redis Cluster, one {@code MULTI ... EXEC} per hash slot
   * ({@link MultiExec#applyPerSlot}): atomic per slot, not across slots. A connection per batch, rather
   * than a pool, keeps nothing idle and cannot hand one transaction's connection to another; it costs a
   * connect per batch, which is how often cache transactions commit. Each entry written is a new envelope
   * (new version, native TTL as {@link RedisStore#put} sets it), so a compare-and-set of this or another
   * JVM that read the old entry retries.
   */
  Map<K, StoreEntry<Object>> writeAll(Map<K, @Nullable StoreEntry<Object>> writes) throws StoreAccessException {
    if (writes.isEmpty()) {
      return Map.of();
    }
    List<K> order = new ArrayList<>(writes.size());
    List<MultiExec.Write> batch = new ArrayList<>(writes.size());
    for (Map.Entry<K, @Nullable StoreEntry<Object>> write : writes.entrySet()) {
      order.add(write.getKey());
      StoreEntry<Object> next = write.getValue();
      byte[] redisKey = keys.encode(write.getKey());
      if (next == null) {
        batch.add(new MultiExec.Write(redisKey, null, 0));
      } else {
        long expireAtMillis = envelopes.toWallMillis(next.expireAt());
        byte[] bytes = envelopes.encode(next.value(), expireAtMillis);
        batch.add(new MultiExec.Write(redisKey, bytes, envelopes.ttlMillis(expireAtMillis)));
      }
    }
    List<byte @Nullable []> before;
    try (StatefulConnection<byte[], byte[]> connection = calls.dedicated()) {
      before = connection instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster
          ? MultiExec.applyPerSlot(cluster, batch)
          : MultiExec.apply((StatefulRedisConnection<byte[], byte[]>) connection, batch);
    } catch (RedisException e) {
      // EXEC may have run: never retried as if not sent
      throw RedisCalls.uncertain(calls.failure("MULTI/EXEC", e));
    }
    Map<K, StoreEntry<Object>> previous = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      RedisEntry entry = envelopes.read(before.get(i));
      if (entry != null) {
        previous.put(order.get(i), entry);
      }
    }
    return previous;
  }
}
