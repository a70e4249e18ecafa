package io.zenoo.cache.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.zenoo.cache.store.StoreAccessException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link RedisStore}'s way to Redis: hands out the lease's connections and command interfaces, counts
 * every operation sent (or attempted) and every one that failed, and turns client failures into
 * {@link StoreAccessException}s naming the operation and the server (credentials masked), of the kind
 * {@link RedisFailures#kind} gives.
 *
 * <p>Each call that returns commands or a connection counts one operation; a failure to get them counts
 * an error and is rethrown as is, and {@link #failure} counts the error of a command that failed.
 *
 * <p>Thread safe.
 */
final class RedisCalls {

  private final SharedClients.Lease lease;
  private final LongAdder operations = new LongAdder();
  private final LongAdder errors = new LongAdder();

  RedisCalls(SharedClients.Lease lease) {
    this.lease = lease;
  }

  /** Returns the store's hold on its shared client. */
  SharedClients.Lease lease() {
    return lease;
  }

  /** Returns the synchronous commands of the shared connection, counting one operation. */
  RedisClusterCommands<byte[], byte[]> sync() throws StoreAccessException {
    operations.increment();
    try {
      return lease.sync();
    } catch (StoreAccessException e) {
      errors.increment();
      throw e;
    }
  }

  /** Returns the asynchronous commands of the shared connection, counting one operation. */
  RedisClusterAsyncCommands<byte[], byte[]> async() throws StoreAccessException {
    operations.increment();
    try {
      return lease.async();
    } catch (StoreAccessException e) {
      errors.increment();
      throw e;
    }
  }

  /** Returns the shared connection itself, to dispatch a batch of commands, counting one operation. */
  StatefulConnection<byte[], byte[]> multiplexed() throws StoreAccessException {
    operations.increment();
    try {
      return lease.stateful();
    } catch (StoreAccessException e) {
      errors.increment();
      throw e;
    }
  }

  /**
   * Opens a connection for the caller alone, who closes it ({@link SharedClients.Lease#openDedicated}),
   * counting one operation.
   */
  StatefulConnection<byte[], byte[]> dedicated() throws StoreAccessException {
    operations.increment();
    try {
      return lease.openDedicated();
    } catch (StoreAccessException e) {
      errors.increment();
      throw e;
    }
  }

  /** Sends PING ({@link SharedClients.Lease#ping}), counting one operation. */
  void ping() throws StoreAccessException {
    operations.increment();
    try {
      lease.ping();
    } catch (StoreAccessException e) {
      errors.increment();
      throw e;
    } catch (RedisException e) {
      throw failure("PING", e);
    }
  }

  /** Returns the operations sent (or attempted) to Redis. */
  long operations() {
    return operations.sum();
  }

  /** Returns the operations that failed on a connection error, a timeout or a server error. */
  long errors() {
    return errors.sum();
  }

  /** Counts the failure of an operation and returns it as the exception to throw. */
  StoreAccessException failure(String operation, RedisException e) {
    errors.increment();
    return new StoreAccessException(
        operation + " on Redis at " + lease.server() + " failed: " + RedisFailures.describe(e),
        e,
        RedisFailures.kind(e));
  }

  /**
   * Returns the failure of a write whose compare-and-set may have been sent as one of unknown outcome:
   * a client may report a connection lost under a sent command as "not connected", and deciding again
   * on the entry the lost command wrote would apply the caller's decision twice.
   */
  static StoreAccessException uncertain(StoreAccessException e) {
    if (e.kind() != StoreAccessException.Kind.UNREACHABLE) {
      return e;
    }
    return new StoreAccessException(e.getMessage(), e.getCause(), StoreAccessException.Kind.TIMEOUT);
  }

  /** Returns the client exception inside what a command's future completed with. */
  static RedisException asRedisException(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause instanceof RedisException redis ? redis : new RedisException(cause);
  }
}
