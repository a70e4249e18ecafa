package io.zenoo.cache.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.zenoo.cache.resilience.RemoteStore;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreEntry;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link io.zenoo.cache.store.Store} in Redis: one key per entry, holding an {@link Envelope} (version,
 * logical expiry, payload) with a native TTL a grace period past the logical expiry.
 *
 * <p><b>Reads</b> are one {@code GET}; an unconditional {@link #put} is one {@code SET … GET}; both have
 * asynchronous forms that send the same command on the shared connection. These hot paths live here.
 * <b>Writes</b> that depend on the entry ({@link #compute}) read it, let the engine decide, then commit with
 * one Lua compare-and-set on the entry's version, retried on conflict: see {@link VersionedWrites}, which
 * also keeps writers of one key in this JVM in order. Operations on many keys are in {@link RedisBatches},
 * those on all of the cache's keys in {@link KeyScan}.
 *
 * <p><b>Time.</b> The engine speaks {@link Clock} nanoseconds; Redis needs wall-clock instants that every
 * JVM agrees on. Expiry is converted at this boundary ({@link Envelopes}) with the wall clock given at
 * creation.
 *
 * <p><b>Failure.</b> Every client failure (connection refused, timeout, server error) becomes a
 * {@link StoreAccessException} naming the operation and the server (credentials masked), and is counted
 * ({@link RedisCalls}). Bytes under our prefix that are not an envelope are handed up as an entry whose
 * payload does not decode (the engine counts it and treats it as absent) and are replaced by the next
 * write.
 *
 * <p>Thread safe.
 */
final class RedisStore<K> implements RemoteStore<K, Object> {

  private final SharedClients.Lease lease;
  private final RedisKeys<K> keys;
  private final RedisCalls calls;
  private final Envelopes envelopes;
  private final VersionedWrites<K> versioned;
  private final RedisBatches<K> batches;
  private final KeyScan<K> scan;

  RedisStore(SharedClients.Lease lease, RedisKeys<K> keys, Clock clock, LongSupplier wallClock, long graceMillis) {
    this.lease = lease;
    this.keys = keys;
    this.calls = new RedisCalls(lease);
    this.envelopes = new Envelopes(clock, wallClock, graceMillis);
    this.versioned = new VersionedWrites<>(calls, keys, envelopes);
    this.batches = new RedisBatches<>(calls, keys, envelopes);
    this.scan = new KeyScan<>(calls, keys, envelopes);
  }

  /** Returns this store's hold on its shared client. */
  SharedClients.Lease lease() {
    return lease;
  }

  @Override
  public void connect() throws StoreAccessException {
    lease.connect();
  }

  @Override
  public void ping() throws StoreAccessException {
    calls.ping();
  }

  /** Deletes the keys with {@code UNLINK}, in pages of {@value RedisBatches#PAGE}. */
  @Override
  public void invalidate(Collection<K> wanted) throws StoreAccessException {
    batches.invalidate(wanted);
  }

  @Override
  public String server() {
    return "Redis at " + lease.server();
  }

  /** Returns the operations sent (or attempted) to Redis. */
  long operations() {
    return calls.operations();
  }

  /** Returns the operations that failed on a connection error, a timeout or a server error. */
  long errors() {
    return calls.errors();
  }

  @Override
  public boolean isConnected() {
    return lease.isConnected();
  }

  @Override
  public @Nullable StoreEntry<Object> get(K key) throws StoreAccessException {
    try {
      return envelopes.read(calls.sync().get(keys.encode(key)));
    } catch (RedisException e) {
      throw calls.failure("GET", e);
    }
  }

  @Override
  public @Nullable StoreEntry<Object> peek(K key) throws StoreAccessException {
    return get(key);
  }

  @Override
  public @Nullable StoreEntry<Object> compute(K key, Remapping<Object> remapping) throws StoreAccessException {
    return versioned.compute(key, remapping);
  }

  /** Writes unconditionally in one round trip: {@code SET key envelope [PX ttl] GET}. */
  @Override
  public @Nullable StoreEntry<Object> put(K key, Object value, long expireAt) throws StoreAccessException {
    long expireAtMillis = envelopes.toWallMillis(expireAt);
    byte[] bytes = envelopes.encode(value, expireAtMillis);
    try {
      return envelopes.read(calls.sync().setGet(keys.encode(key), bytes, envelopes.setArgs(expireAtMillis)));
    } catch (RedisException e) {
      throw calls.failure("SET", e);
    }
  }

  /** Fetches every key with one {@code MGET}, in pages of {@value RedisBatches#PAGE}. */
  @Override
  public Map<K, StoreEntry<Object>> getAll(Collection<K> wanted) throws StoreAccessException {
    return batches.getAll(wanted);
  }

  /** Sends every {@code SET … GET} at once on the multiplexed connection and waits for all the replies. */
  @Override
  public List<@Nullable StoreEntry<Object>> putAll(Map<K, Object> entries, long expireAt) throws StoreAccessException {
    return batches.putAll(entries, expireAt);
  }

  /**
   * Applies the batch atomically as one {@code MULTI ... EXEC} (per hash slot on a Redis Cluster); see
   * {@link RedisBatches#writeAll}.
   */
  @Override
  public Map<K, StoreEntry<Object>> writeAll(Map<K, @Nullable StoreEntry<Object>> writes) throws StoreAccessException {
    return batches.writeAll(writes);
  }

  @Override
  public CompletionStage<@Nullable StoreEntry<Object>> putAsync(K key, Object value, long expireAt) {
    RedisClusterAsyncCommands<byte[], byte[]> redis;
    try {
      redis = calls.async();
    } catch (StoreAccessException e) {
      return CompletableFuture.failedFuture(e);
    }
    long expireAtMillis = envelopes.toWallMillis(expireAt);
    byte[] bytes = envelopes.encode(value, expireAtMillis);
    return redis.setGet(keys.encode(key), bytes, envelopes.setArgs(expireAtMillis))
        .handle((old, error) -> {
          if (error != null) {
            throw new CompletionException(calls.failure("SET", RedisCalls.asRedisException(error)));
          }
          return (StoreEntry<Object>) envelopes.read(old);
        });
  }

  @Override
  public CompletionStage<@Nullable StoreEntry<Object>> getAsync(K key) {
    RedisClusterAsyncCommands<byte[], byte[]> redis;
    try {
      redis = calls.async();
    } catch (StoreAccessException e) {
      return CompletableFuture.failedFuture(e);
    }
    return redis.get(keys.encode(key))
        .handle((bytes, error) -> {
          if (error != null) {
            throw new CompletionException(calls.failure("GET", RedisCalls.asRedisException(error)));
          }
          return (StoreEntry<Object>) envelopes.read(bytes);
        });
  }

  /**
   * Writes as {@link #compute} does, without holding a thread while Redis answers; see
   * {@link VersionedWrites#computeAsync}.
   */
  @Override
  public CompletionStage<@Nullable StoreEntry<Object>> computeAsync(K key, Remapping<Object> remapping) {
    return versioned.computeAsync(key, remapping);
  }

  @Override
  public void updateExpiry(K key, StoreEntry<Object> entry, long expireAt) throws StoreAccessException {
    versioned.updateExpiry(key, entry, expireAt);
  }

  @Override
  public void clear() throws StoreAccessException {
    scan.clear();
  }

  @Override
  public long size() {
    return scan.size();
  }

  @Override
  public Iterator<? extends Map.Entry<K, ? extends StoreEntry<Object>>> iterator() {
    return scan.iterator();
  }

  @Override
  public void close() {
    lease.close();
  }
}
