package io.zenoo.cache.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.zenoo.cache.serialization.Encoded;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreEntry;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The conditional writes of a {@link RedisStore}: {@link Store#compute}, its asynchronous form and the
 * access-expiry update, each committed by the versioned {@link CompareAndSet} script.
 *
 * <p><b>Design.</b> A write reads the entry ({@code GET}), lets the engine's remapping decide, then commits
 * with one compare-and-set on the version it read (set with {@code PX}, or delete). A lost compare-and-set
 * (another JVM wrote the key meanwhile) discards the decision and decides again on the new entry, up to
 * {@value #MAX_CONFLICTS} times.
 *
 * <p><b>Concurrency.</b> Synchronous writers of the same key in this JVM queue on a striped lock first, so
 * they never conflict with each other and events of a key are published in write order; across JVMs the
 * compare-and-set alone keeps every update (two JVMs incrementing one counter lose nothing). Thread safe.
 *
 * <p><b>Failure.</b> A client failure after a compare-and-set was sent is reported as one of unknown
 * outcome ({@link RedisCalls#uncertain}), never as "not sent", so the caller does not decide twice.
 *
 * @param <K> the key type
 */
final class VersionedWrites<K> {

  private static final int LOCK_STRIPES = 256;
  private static final int MAX_CONFLICTS = 10_000;

  private final RedisCalls calls;
  private final RedisKeys<K> keys;
  private final Envelopes envelopes;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

  VersionedWrites(RedisCalls calls, RedisKeys<K> keys, Envelopes envelopes) {
    this.calls = calls;
    this.keys = keys;
    this.envelopes = envelopes;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** Runs {@link Store#compute}: read, decide, compare-and-set, under the key's stripe of the lock. */
  @Nullable StoreEntry<Object> compute(K key, Store.Remapping<Object> remapping) throws StoreAccessException {
    byte[] redisKey = keys.encode(key);
    ReentrantLock lock = locks[(Arrays.hashCode(redisKey) & 0x7fffffff) % LOCK_STRIPES];
    lockWithin(lock);
    boolean writeSent = false; // a compare-and-set is out and its outcome unknown
    try {
      RedisClusterCommands<byte[], byte[]> redis = calls.sync();
      for (int conflicts = 0; conflicts < MAX_CONFLICTS; conflicts++) {
        writeSent = false;
        RedisEntry current = envelopes.read(redis.get(redisKey));
        StoreEntry<Object> next = remapping.remap(current);
        if (next == current) {
          remapping.committed();
          return current;
        }
        RedisEntry written = null;
        boolean done;
        writeSent = true;
        if (next == null) {
          done = current == null || CompareAndSet.run(redis, redisKey, current, CompareAndSet.DELETE, 0);
        } else {
          written = versioned(next);
          long expireAtMillis = envelopes.toWallMillis(next.expireAt());
          byte[] bytes = new Envelope(written.version, expireAtMillis, written.payload).encode();
          done = CompareAndSet.run(redis, redisKey, current, bytes, envelopes.ttlMillis(expireAtMillis));
        }
        if (done) {
          remapping.committed();
          return written;
        }
        remapping.discarded();
      }
      throw gaveUp();
    } catch (RedisException e) {
      StoreAccessException failure = calls.failure("write", e);
      throw writeSent ? RedisCalls.uncertain(failure) : failure;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the key's stripe, waiting no longer than one command may: a writer stuck behind a hung server
   * must not make the next one wait for its own timeout too.
   */
  private void lockWithin(ReentrantLock lock) throws StoreAccessException {
    SharedClients.Lease lease = calls.lease();
    try {
      if (lock.tryLock(lease.commandTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreAccessException("interrupted while waiting to write a key of " + lease.server(), e);
    }
    throw new StoreAccessException(
        "another write to the same key of " + lease.server() + " did not finish within the command timeout",
        new TimeoutException(),
        StoreAccessException.Kind.TIMEOUT);
  }

  /**
   * Runs {@link Store#computeAsync}: writes as {@link #compute} does, without holding a thread while Redis
   * answers. Writers of the same key in this JVM do not queue on the striped lock here (a thread cannot
   * hold it across the wait); they are kept apart by the compare-and-set alone, and the remapping runs on
   * the client's I/O thread.
   */
  CompletionStage<@Nullable StoreEntry<Object>> computeAsync(K key, Store.Remapping<Object> remapping) {
    RedisClusterAsyncCommands<byte[], byte[]> redis;
    try {
      redis = calls.async();
    } catch (StoreAccessException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<@Nullable StoreEntry<Object>> result = new CompletableFuture<>();
    attemptAsync(redis, keys.encode(key), remapping, result, 0);
    return result;
  }

  /** Reads the key and, from the client's I/O thread, decides and commits: one attempt of many. */
  private void attemptAsync(
      RedisClusterAsyncCommands<byte[], byte[]> redis,
      byte[] redisKey,
      Store.Remapping<Object> remapping,
      CompletableFuture<@Nullable StoreEntry<Object>> result,
      int conflicts) {
    if (conflicts >= MAX_CONFLICTS) {
      result.completeExceptionally(gaveUp());
      return;
    }
    redis.get(redisKey).whenComplete((bytes, getError) -> {
      if (getError != null) {
        result.completeExceptionally(calls.failure("GET", RedisCalls.asRedisException(getError)));
        return;
      }
      try {
        decideAsync(redis, redisKey, remapping, result, conflicts, envelopes.read(bytes));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
  }

  /** Lets the remapping decide on the entry read, then commits; a lost compare-and-set attempts again. */
  private void decideAsync(
      RedisClusterAsyncCommands<byte[], byte[]> redis,
      byte[] redisKey,
      Store.Remapping<Object> remapping,
      CompletableFuture<@Nullable StoreEntry<Object>> result,
      int conflicts,
      @Nullable RedisEntry current) {
    StoreEntry<Object> next = remapping.remap(current);
    if (next == current) {
      remapping.committed();
      result.complete(current);
      return;
    }
    if (next == null && current == null) {
      remapping.committed();
      result.complete(null);
      return;
    }
    RedisEntry written = null;
    byte[] value = CompareAndSet.DELETE;
    long ttl = 0;
    if (next != null) {
      written = versioned(next);
      long expireAtMillis = envelopes.toWallMillis(next.expireAt());
      value = new Envelope(written.version, expireAtMillis, written.payload).encode();
      ttl = envelopes.ttlMillis(expireAtMillis);
    }
    RedisEntry outcome = written;
    CompareAndSet.runAsync(redis, redisKey, current, value, ttl).whenComplete((done, casError) -> {
      if (casError != null) {
        StoreAccessException failure = calls.failure("write", RedisCalls.asRedisException(casError));
        result.completeExceptionally(RedisCalls.uncertain(failure));
      } else if (Boolean.TRUE.equals(done)) {
        remapping.committed();
        result.complete(outcome);
      } else {
        remapping.discarded();
        attemptAsync(redis, redisKey, remapping, result, conflicts + 1);
      }
    });
  }

  /**
   * Runs {@link Store#updateExpiry}: the entry's payload in a new envelope with the new expiry, if the key
   * still holds the entry. Entries this store did not read are left alone.
   */
  void updateExpiry(K key, StoreEntry<Object> entry, long expireAt) throws StoreAccessException {
    if (!(entry instanceof RedisEntry current)) {
      return;
    }
    long expireAtMillis = envelopes.toWallMillis(expireAt);
    byte[] bytes = new Envelope(ThreadLocalRandom.current().nextLong(), expireAtMillis, current.payload).encode();
    try {
      // a lost race leaves the concurrent write's expiry, as the contract allows
      CompareAndSet.run(calls.sync(), keys.encode(key), current, bytes, envelopes.ttlMillis(expireAtMillis));
    } catch (RedisException e) {
      throw calls.failure("update expiry", e);
    }
  }

  /** Returns the entry a remapping decided on, as it will be written: its bytes under a new version. */
  private static RedisEntry versioned(StoreEntry<Object> next) {
    return new RedisEntry(Encoded.bytes(next.value()), next.expireAt(), ThreadLocalRandom.current().nextLong(), null);
  }

  private StoreAccessException gaveUp() {
    return new StoreAccessException(
        "gave up writing a key of " + calls.lease().server() + " after " + MAX_CONFLICTS + " conflicting writes");
  }
}
