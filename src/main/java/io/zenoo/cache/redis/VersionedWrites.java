package io.zenoo.cache.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.zenoo.cache.resilience.Backoff;
import io.zenoo.cache.serialization.Encoded;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreEntry;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The conditional writes of a {@link RedisStore}: {@link Store#compute}, its asynchronous form and the
 * access-expiry update, each committed by the versioned {@link CompareAndSet} script.
 *
 * <p><b>Design.</b> A write reads the entry ({@code GET}), lets the engine's remapping decide, then commits
 * with one compare-and-set on the version it read (set with {@code PX}, or delete). A lost compare-and-set
 * (another client wrote the key meanwhile) discards the decision and, after a jittered back-off, decides
 * again on the new entry. The remapping keeps whatever a discarded run must not repeat (the engine's
 * {@code WriteAttempt}: writer calls, events, statistics).
 *
 * <p><b>Deadline.</b> One call may start a new read-decide-write round only within its conflict window,
 * the command timeout ({@code socket_timeout}, T) counted from the call's start, the wait for the local lock
 * included; the first round always runs. Each round takes at most two commands (T each: a {@code GET}
 * and the compare-and-set; a third, T more, when the server must first be sent the script, once after it
 * starts) plus the remapping's own time, so one call returns or fails within 3T (4T when the script is
 * sent), plus the time spent in user code (writer, entry processor, listeners) and, when no connection is
 * open yet, the connect timeout. Back-off before the n-th new round is drawn from [d/2, d] with
 * d = min({@value #CONFLICT_BACKOFF_MAX_MILLIS} ms, {@value #CONFLICT_BACKOFF_BASE_MILLIS} ms · 2^(n-1)),
 * never past the window. A key still contended at the end of the window fails with a {@link
 * StoreAccessException} of kind {@link StoreAccessException.Kind#ERROR}: conflicts mean the server answers,
 * so they never count against the circuit.
 *
 * <p><b>Concurrency.</b> Synchronous writers of the same key in this JVM queue on a striped lock first, so
 * they never conflict with each other and events of a key are published in write order; across JVMs the
 * compare-and-set alone keeps every update (two JVMs incrementing one counter lose nothing). A writer that
 * cannot take the key's stripe within T fails: when the holder is running user code (a slow
 * {@code CacheWriter}, entry processor or listener), with an {@link StoreAccessException.Kind#LOCAL} saying
 * so, since local contention says nothing about the server and must never open its circuit; when the holder
 * is waiting on Redis, with a {@link StoreAccessException.Kind#TIMEOUT}, since then the server is slow (the
 * resilience layer falls back as for any timeout). Thread safe.
 *
 * <p><b>Failure.</b> A client failure after a compare-and-set was sent is reported as one of unknown
 * outcome ({@link RedisCalls#uncertain}), never as "not sent", so the caller does not decide twice.
 *
 * @param <K> the key type
 */
final class VersionedWrites<K> {

  private static final int LOCK_STRIPES = 256;
  static final long CONFLICT_BACKOFF_BASE_MILLIS = 1;
  static final long CONFLICT_BACKOFF_MAX_MILLIS = 50;
  private static final Backoff CONFLICT_BACKOFF = new Backoff(
      Duration.ofMillis(CONFLICT_BACKOFF_BASE_MILLIS), Duration.ofMillis(CONFLICT_BACKOFF_MAX_MILLIS));

  private final RedisCalls calls;
  private final RedisKeys<K> keys;
  private final Envelopes envelopes;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
  /** Per stripe, 1 while its holder runs the remapping (user code), 0 while it waits on Redis or backs off. */
  private final AtomicIntegerArray deciding = new AtomicIntegerArray(LOCK_STRIPES);

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
    long start = System.nanoTime();
    long window = calls.lease().commandTimeout().toNanos();
    byte[] redisKey = keys.encode(key);
    int stripe = (Arrays.hashCode(redisKey) & 0x7fffffff) % LOCK_STRIPES;
    ReentrantLock lock = locks[stripe];
    lockWithin(stripe, window);
    boolean writeSent = false; // a compare-and-set is out and its outcome unknown
    try {
      RedisClusterCommands<byte[], byte[]> redis = calls.sync();
      for (int conflicts = 0; ; conflicts++) {
        writeSent = false;
        RedisEntry current = envelopes.read(redis.get(redisKey));
        StoreEntry<Object> next;
        deciding.lazySet(stripe, 1); // a waiter that gives up now waited for user code, not for Redis
        try {
          next = remapping.remap(current);
        } finally {
          deciding.lazySet(stripe, 0);
        }
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
        writeSent = false;
        backOff(conflicts + 1, start, window);
      }
    } catch (RedisException e) {
      StoreAccessException failure = calls.failure("write", e);
      throw writeSent ? RedisCalls.uncertain(failure) : failure;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits before the next round after a lost compare-and-set (see the class comment), or fails when that
   * round would start past the conflict window.
   */
  private void backOff(int conflicts, long start, long window) throws StoreAccessException {
    long pause = CONFLICT_BACKOFF.delayNanos(conflicts + 1L);
    long left = window - (System.nanoTime() - start);
    if (left <= pause) {
      throw gaveUp(conflicts, window);
    }
    LockSupport.parkNanos(pause);
    if (Thread.currentThread().isInterrupted()) {
      throw new StoreAccessException(
          "interrupted while backing off from a conflicting write to a key of " + calls.lease().server(),
          new InterruptedException());
    }
  }

  /**
   * Takes the key's stripe, waiting no longer than the conflict window: a writer stuck behind another
   * writer of this JVM must not wait for its own timeout on top. Giving up says what the holder was doing:
   * running user code (a slow {@code CacheWriter}, entry processor or listener), which is local contention
   * and says nothing about the server ({@link StoreAccessException.Kind#LOCAL}: no circuit failure, no
   * fallback, a clear error); or waiting on Redis for a whole command timeout, which is the server's
   * slowness ({@link StoreAccessException.Kind#TIMEOUT}, as the holder's own command will report).
   */
  private void lockWithin(int stripe, long window) throws StoreAccessException {
    SharedClients.Lease lease = calls.lease();
    try {
      if (locks[stripe].tryLock(window, TimeUnit.NANOSECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreAccessException("interrupted while waiting to write a key of " + lease.server(), e);
    }
    long millis = Duration.ofNanos(window).toMillis();
    if (deciding.get(stripe) == 0) {
      throw new StoreAccessException(
          "another writer of the same key in this JVM has waited on " + lease.server() + " for longer than "
              + millis + " ms (socket_timeout)",
          new TimeoutException(),
          StoreAccessException.Kind.TIMEOUT);
    }
    throw new StoreAccessException(
        "timed out after " + millis + " ms (socket_timeout) waiting for another writer of the same key in "
            + "this JVM (or of a key sharing its lock stripe; a slow CacheWriter, entry processor or listener "
            + "holds it); local contention, not a failure of " + lease.server(),
        new TimeoutException(),
        StoreAccessException.Kind.LOCAL);
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
    AsyncWrite write = new AsyncWrite(redis, keys.encode(key), remapping, result, System.nanoTime(),
        calls.lease().commandTimeout().toNanos());
    attemptAsync(write, 0);
    return result;
  }

  /** What every round of one asynchronous write shares. */
  private record AsyncWrite(
      RedisClusterAsyncCommands<byte[], byte[]> redis,
      byte[] redisKey,
      Store.Remapping<Object> remapping,
      CompletableFuture<@Nullable StoreEntry<Object>> result,
      long start,
      long window) {}

  /** Reads the key and, from the client's I/O thread, decides and commits: one round of many. */
  private void attemptAsync(AsyncWrite write, int conflicts) {
    write.redis().get(write.redisKey()).whenComplete((bytes, getError) -> {
      if (getError != null) {
        write.result().completeExceptionally(calls.failure("GET", RedisCalls.asRedisException(getError)));
        return;
      }
      try {
        decideAsync(write, conflicts, envelopes.read(bytes));
      } catch (RuntimeException e) {
        write.result().completeExceptionally(e);
      }
    });
  }

  /**
   * Lets the remapping decide on the entry read, then commits; a lost compare-and-set starts another round
   * after the back-off (scheduled, holding no thread), within the conflict window.
   */
  private void decideAsync(AsyncWrite write, int conflicts, @Nullable RedisEntry current) {
    Store.Remapping<Object> remapping = write.remapping();
    CompletableFuture<@Nullable StoreEntry<Object>> result = write.result();
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
    CompareAndSet.runAsync(write.redis(), write.redisKey(), current, value, ttl).whenComplete((done, casError) -> {
      if (casError != null) {
        StoreAccessException failure = calls.failure("write", RedisCalls.asRedisException(casError));
        result.completeExceptionally(RedisCalls.uncertain(failure));
      } else if (Boolean.TRUE.equals(done)) {
        remapping.committed();
        result.complete(outcome);
      } else {
        remapping.discarded();
        int lost = conflicts + 1;
        long pause = CONFLICT_BACKOFF.delayNanos(lost + 1L);
        if (write.window() - (System.nanoTime() - write.start()) <= pause) {
          result.completeExceptionally(gaveUp(lost, write.window()));
          return;
        }
        // the JDK's delay scheduler only hands the next round's GET to the client; nothing blocks on it
        CompletableFuture.delayedExecutor(pause, TimeUnit.NANOSECONDS, Runnable::run)
            .execute(() -> attemptAsync(write, lost));
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

  /** Returns the failure of a write whose key other clients kept changing for its whole conflict window. */
  private StoreAccessException gaveUp(int conflicts, long window) {
    return new StoreAccessException(
        "gave up writing a key of " + calls.lease().server() + " after " + conflicts + " conflicting writes by "
            + "other clients within " + Duration.ofNanos(window).toMillis() + " ms (socket_timeout): the key is "
            + "contended, the server answers");
  }
}
