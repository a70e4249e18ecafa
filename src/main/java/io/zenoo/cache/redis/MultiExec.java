package io.zenoo.cache.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p><b>Redis Cluster.</b> A transaction there may only touch keys of one hash slot, and a cache's keys
 * are spread over all slots (no hash tag pins a cache to one node). {@link #applyPerSlot} therefore
 * groups the writes by slot and runs one transaction per slot, on the node that owns it, one after the
 * other: every slot's writes are seen whole or not at all, but another client may see one slot's writes
 * before the next slot's. When a slot's transaction fails (its master is down, the slot moved), the
 * slots before it stay written and the rest are not: the caller gets the failure, with the outcome of
 * the batch as a whole unknown.
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

  /**
   * Runs the writes on a Redis Cluster, one transaction per hash slot on the master owning it (through
   * the dedicated cluster connection's own node connections), and returns what each key held before, in
   * the order of the writes. Atomic per slot only; see the class comment.
   *
   * @throws RedisException when a slot's transaction could not be run; earlier slots stay written
   */
  static List<byte @Nullable []> applyPerSlot(
      StatefulRedisClusterConnection<byte[], byte[]> connection, List<Write> writes) {
    Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
    for (int i = 0; i < writes.size(); i++) {
      bySlot.computeIfAbsent(SlotHash.getSlot(writes.get(i).key()), slot -> new ArrayList<>()).add(i);
    }
    byte[][] before = new byte[writes.size()][];
    for (Map.Entry<Integer, List<Integer>> group : bySlot.entrySet()) {
      RedisClusterNode owner = connection.getPartitions().getPartitionBySlot(group.getKey());
      if (owner == null) {
        throw new RedisException("no master owns slot " + group.getKey() + " in the client's view of the cluster");
      }
      List<Write> slotWrites = new ArrayList<>(group.getValue().size());
      for (int index : group.getValue()) {
        slotWrites.add(writes.get(index));
      }
      List<byte @Nullable []> held = apply(connection.getConnection(owner.getNodeId()), slotWrites);
      for (int i = 0; i < held.size(); i++) {
        before[group.getValue().get(i)] = held.get(i);
      }
    }
    return Arrays.asList(before);
  }
}
