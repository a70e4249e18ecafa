package io.zenoo.cache.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Applies a batch of writes to Redis as one {@code MULTI ... EXEC} transaction: Redis runs the queued
 * commands one after the other with no other client's command in between, so every other client sees the
 * whole batch or none of it.
 *
 * <p>Per key, the transaction queues a {@code GET} (what the key held, for the engine's events) and then a
 * {@code SET} (with {@code PX} when the entry expires) or a {@code DEL}. Neither can fail on a string key,
 * and {@code SET} and {@code DEL} never fail on any key; a {@code GET} that fails inside the transaction
 * (a key of another type, not ours) reads as "held nothing" and does not stop the others.
 *
 * <p><b>Connection.</b> The commands are sent pipelined (one flush, one wait for {@code EXEC}) on a
 * connection the caller holds alone: on the shared multiplexed connection, commands other threads send
 * meanwhile would be queued into this transaction.
 */
final class MultiExec {

  private MultiExec() {}

  /**
   * One write: the Redis key, the bytes to store or null to delete, and the TTL in milliseconds (0: none).
   */
  record Write(byte[] key, byte @Nullable [] value, long ttlMillis) {}

  /**
   * Runs the writes in one transaction and returns, in their order, the bytes each key held before (null
   * when it held nothing, or nothing readable).
   *
   * @throws RedisException when the transaction could not be run (connection lost, timeout, discarded);
   *     whether it was applied is then unknown only if the failure came after {@code EXEC} was sent
   */
  static List<byte @Nullable []> apply(StatefulRedisConnection<byte[], byte[]> connection, List<Write> writes) {
    RedisAsyncCommands<byte[], byte[]> redis = connection.async();
    RedisFuture<String> multi = redis.multi();
    for (Write write : writes) {
      redis.get(write.key());
      byte[] value = write.value();
      if (value == null) {
        redis.del(write.key());
      } else if (write.ttlMillis() > 0) {
        redis.set(write.key(), value, SetArgs.Builder.px(write.ttlMillis()));
      } else {
        redis.set(write.key(), value);
      }
    }
    TransactionResult result;
    try {
      result = redis.exec().toCompletableFuture().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof RedisException redisException ? redisException : new RedisException(cause);
    }
    if (multi.toCompletableFuture().isCompletedExceptionally() || result.wasDiscarded()) {
      throw new RedisException("the MULTI ... EXEC transaction was discarded; nothing was written");
    }
    List<byte @Nullable []> before = new ArrayList<>(writes.size());
    for (int i = 0; i < writes.size(); i++) {
      Object held = result.get(2 * i);
      before.add(held instanceof byte[] bytes ? bytes : null);
    }
    return before;
  }
}
