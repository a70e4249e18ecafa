package io.zenoo.bench;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;

/**
 * The {@code lettuce-sync} and {@code lettuce-async} baselines: raw Lettuce on one connection with
 * {@code StringCodec} behind the {@link Cache} interface ({@link BaselineCache}): {@code get} is
 * {@code GET}, {@code put} is {@code SET}, on the bare key (no namespace, no encoding, no TTL, no
 * script). It is the ceiling the Redis providers are measured against. The asynchronous benchmark
 * reaches {@link RedisAsyncCommands} through {@link #unwrap(Class)}. The configuration, including
 * storeByValue and expiry, is ignored.
 */
final class LettuceCache extends BaselineCache {

  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> sync;
  private volatile boolean closed;

  private LettuceCache(String name, StatefulRedisConnection<String, String> connection) {
    super(name, "lettuce");
    this.connection = connection;
    this.sync = connection.sync();
  }

  /**
   * A stand-in for a cache manager on {@code redis://127.0.0.1:<port>}: one client and one
   * connection, shared by every cache it creates, closed with the session.
   */
  static Providers.Session session(int port) {
    RedisClient client = RedisClient.create(RedisURI.builder()
        .withHost("127.0.0.1").withPort(port).withTimeout(Duration.ofSeconds(10)).build());
    StatefulRedisConnection<String, String> connection;
    try {
      connection = client.connect();
    } catch (RuntimeException e) {
      client.shutdown();
      throw e;
    }
    return new Providers.Session() {
      @Override
      public Cache<String, String> createCache(String name, MutableConfiguration<String, String> config) {
        return new LettuceCache(name, connection);
      }

      @Override
      public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    };
  }

  @Override
  public String get(String key) {
    return sync.get(key);
  }

  @Override
  public void put(String key, String value) {
    sync.set(key, value);
  }

  @Override
  public Map<String, String> getAll(Set<? extends String> keys) {
    Map<String, String> result = new HashMap<>();
    for (KeyValue<String, String> kv : sync.mget(keys.toArray(new String[0]))) {
      if (kv.hasValue()) {
        result.put(kv.getKey(), kv.getValue());
      }
    }
    return result;
  }

  @Override
  public boolean containsKey(String key) {
    return sync.exists(key) > 0;
  }

  @Override
  public String getAndPut(String key, String value) {
    return sync.setGet(key, value);
  }

  @Override
  public void putAll(Map<? extends String, ? extends String> entries) {
    sync.mset(new HashMap<String, String>(entries));
  }

  @Override
  public boolean putIfAbsent(String key, String value) {
    return "OK".equals(sync.set(key, value, SetArgs.Builder.nx()));
  }

  @Override
  public boolean remove(String key) {
    return sync.del(key) > 0;
  }

  @Override
  public boolean remove(String key, String oldValue) {
    throw unsupported();
  }

  @Override
  public String getAndRemove(String key) {
    return sync.getdel(key);
  }

  @Override
  public boolean replace(String key, String oldValue, String newValue) {
    throw unsupported();
  }

  @Override
  public boolean replace(String key, String value) {
    throw unsupported();
  }

  @Override
  public String getAndReplace(String key, String value) {
    throw unsupported();
  }

  @Override
  public void removeAll(Set<? extends String> keys) {
    if (!keys.isEmpty()) {
      sync.del(keys.toArray(new String[0]));
    }
  }

  @Override
  public void removeAll() {
    sync.flushdb();
  }

  @Override
  public void clear() {
    sync.flushdb();
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /** To {@link RedisCommands}, {@link RedisAsyncCommands} or {@link StatefulRedisConnection}. */
  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz == RedisAsyncCommands.class) {
      return clazz.cast(connection.async());
    }
    if (clazz.isInstance(sync)) {
      return clazz.cast(sync);
    }
    if (clazz.isInstance(connection)) {
      return clazz.cast(connection);
    }
    throw new IllegalArgumentException("lettuce baseline unwraps only to RedisCommands,"
        + " RedisAsyncCommands or StatefulRedisConnection");
  }
}
