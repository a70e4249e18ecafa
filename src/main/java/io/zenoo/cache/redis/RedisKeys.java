package io.zenoo.cache.redis;

import io.zenoo.cache.serialization.Codec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Names the Redis key of a cache entry: {@code namespace:cacheName:} followed by the key's encoding,
 * readable in {@code redis-cli} for caches whose declared key type is a string or a whole number
 * ({@code zenoo:users:alice}, {@code zenoo:orders:42}), the key codec's bytes otherwise. Two keys are the
 * same entry exactly when their encodings are equal bytes.
 */
final class RedisKeys<K> {

  private final byte[] prefix;
  private final Class<K> keyType;
  private final Codec<K> keyCodec;
  private final Kind kind;

  private enum Kind {
    STRING,
    LONG,
    INTEGER,
    SHORT,
    BYTE,
    BIG_INTEGER,
    CODEC
  }

  RedisKeys(String namespace, String cacheName, Class<K> keyType, Codec<K> keyCodec) {
    this.prefix = (namespace + ":" + cacheName + ":").getBytes(StandardCharsets.UTF_8);
    this.keyType = keyType;
    this.keyCodec = keyCodec;
    if (keyType == String.class) {
      kind = Kind.STRING;
    } else if (keyType == Long.class) {
      kind = Kind.LONG;
    } else if (keyType == Integer.class) {
      kind = Kind.INTEGER;
    } else if (keyType == Short.class) {
      kind = Kind.SHORT;
    } else if (keyType == Byte.class) {
      kind = Kind.BYTE;
    } else if (keyType == BigInteger.class) {
      kind = Kind.BIG_INTEGER;
    } else {
      kind = Kind.CODEC;
    }
  }

  /** Returns the Redis key of a cache key. */
  byte[] encode(K key) {
    byte[] tail =
        kind == Kind.CODEC
            ? keyCodec.encode(key)
            : key.toString().getBytes(StandardCharsets.UTF_8);
    byte[] result = Arrays.copyOf(prefix, prefix.length + tail.length);
    System.arraycopy(tail, 0, result, prefix.length, tail.length);
    return result;
  }

  /** Returns the cache key of a Redis key of this cache. */
  K decode(byte[] redisKey) {
    byte[] tail = Arrays.copyOfRange(redisKey, prefix.length, redisKey.length);
    String text = kind == Kind.CODEC ? "" : new String(tail, StandardCharsets.UTF_8);
    Object key =
        switch (kind) {
          case STRING -> text;
          case LONG -> Long.valueOf(text);
          case INTEGER -> Integer.valueOf(text);
          case SHORT -> Short.valueOf(text);
          case BYTE -> Byte.valueOf(text);
          case BIG_INTEGER -> new BigInteger(text);
          case CODEC -> keyCodec.decode(tail);
        };
    return keyType.cast(key);
  }

  /** Returns the glob pattern matching every key of this cache, special characters escaped. */
  byte[] pattern() {
    StringBuilder glob = new StringBuilder();
    for (char c : new String(prefix, StandardCharsets.UTF_8).toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        glob.append('\\');
      }
      glob.append(c);
    }
    return glob.append('*').toString().getBytes(StandardCharsets.UTF_8);
  }
}
