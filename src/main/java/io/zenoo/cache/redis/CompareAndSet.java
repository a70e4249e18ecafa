package io.zenoo.cache.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The versioned compare-and-set on one key, as one Lua script: the key is written (or deleted) only if it
 * still holds the entry the caller read, compared by the envelope's version, or whole for bytes that are
 * not an envelope, or found absent when the caller read nothing.
 *
 * <p>The script is sent by its SHA-1 ({@code EVALSHA}) and, when the server does not know it yet
 * ({@code NOSCRIPT}: a new or restarted server, a failover), once in full ({@code EVAL}), which also
 * loads it. Client failures are left to the caller, as thrown or as the failed stage.
 */
final class CompareAndSet {

  /** The value that deletes the key rather than writing it. */
  static final byte[] DELETE = new byte[0];

  /**
   * Lua: compare the token (the version; empty = must be absent; with ARGV[4] = 'raw', the whole value, for
   * bytes that are not an envelope), then SET with PX (0 = no TTL) or DEL. A key that already holds the new
   * envelope's version answers 1 at once: this very write ran before (a command sent again after its reply
   * was lost), and reporting a conflict would make the caller decide twice.
   */
  private static final String SCRIPT =
      "local cur = redis.call('GET', KEYS[1])\n"
          + "if cur and ARGV[2] ~= '' and string.sub(cur, 1, 10) == string.sub(ARGV[2], 1, 10) then return 1 end\n"
          + "if ARGV[4] == 'raw' then\n"
          + "  if cur ~= ARGV[1] then return 0 end\n"
          + "elseif ARGV[1] == '' then\n"
          + "  if cur then return 0 end\n"
          + "else\n"
          + "  if (not cur) or string.sub(cur, 3, 10) ~= ARGV[1] then return 0 end\n"
          + "end\n"
          + "if ARGV[2] == '' then\n"
          + "  redis.call('DEL', KEYS[1])\n"
          + "else\n"
          + "  local px = tonumber(ARGV[3])\n"
          + "  if px > 0 then redis.call('SET', KEYS[1], ARGV[2], 'PX', px)\n"
          + "  else redis.call('SET', KEYS[1], ARGV[2]) end\n"
          + "end\n"
          + "return 1\n";

  private static final String SHA = sha1(SCRIPT);
  private static final byte[] ABSENT = new byte[0];
  private static final byte[] VERSION_MODE = "version".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RAW_MODE = "raw".getBytes(StandardCharsets.US_ASCII);

  private CompareAndSet() {}

  /**
   * Writes (or, with {@link #DELETE}, deletes) the key if it still holds {@code current} (null: absent),
   * and returns whether it did.
   */
  static boolean run(
      RedisClusterCommands<byte[], byte[]> redis, byte[] key, @Nullable RedisEntry current, byte[] value,
      long ttlMillis) {
    byte[][] keyArgs = {key};
    byte[][] args = arguments(current, value, ttlMillis);
    Long result;
    try {
      result = redis.evalsha(SHA, ScriptOutputType.INTEGER, keyArgs, args);
    } catch (RedisNoScriptException e) {
      result = redis.eval(SCRIPT, ScriptOutputType.INTEGER, keyArgs, args);
    }
    return result != null && result == 1L;
  }

  /** Does what {@link #run} does without waiting, completing the stage from the client's I/O thread. */
  static CompletionStage<Boolean> runAsync(
      RedisClusterAsyncCommands<byte[], byte[]> redis, byte[] key, @Nullable RedisEntry current, byte[] value,
      long ttlMillis) {
    byte[][] keyArgs = {key};
    byte[][] args = arguments(current, value, ttlMillis);
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    redis.<Long>evalsha(SHA, ScriptOutputType.INTEGER, keyArgs, args).whenComplete((result, error) -> {
      if (error instanceof RedisNoScriptException || (error != null && error.getCause() instanceof RedisNoScriptException)) {
        redis.<Long>eval(SCRIPT, ScriptOutputType.INTEGER, keyArgs, args).whenComplete((r, e) -> {
          if (e != null) {
            done.completeExceptionally(e);
          } else {
            done.complete(r != null && r == 1L);
          }
        });
      } else if (error != null) {
        done.completeExceptionally(error);
      } else {
        done.complete(result != null && result == 1L);
      }
    });
    return done;
  }

  /** Returns the script's arguments: the token to compare, the new value (empty: delete), the TTL, the mode. */
  private static byte[][] arguments(@Nullable RedisEntry current, byte[] value, long ttlMillis) {
    byte[] expected;
    byte[] mode;
    if (current == null) {
      expected = ABSENT;
      mode = VERSION_MODE;
    } else if (current.rawToken != null) {
      expected = current.rawToken;
      mode = RAW_MODE;
    } else {
      expected = Envelope.versionBytes(current.version);
      mode = VERSION_MODE;
    }
    byte[] ttl = Long.toString(ttlMillis).getBytes(StandardCharsets.US_ASCII);
    return new byte[][] {expected, value, ttl, mode};
  }

  private static String sha1(String script) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }
}
