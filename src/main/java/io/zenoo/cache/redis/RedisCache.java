package io.zenoo.cache.redis;

import io.zenoo.cache.config.RedisCacheConfiguration;
import io.zenoo.cache.config.RedisUris;
import io.zenoo.cache.core.CacheEngine;
import io.zenoo.cache.core.CacheOwner;
import io.zenoo.cache.serialization.AllowList;
import io.zenoo.cache.serialization.Codec;
import io.zenoo.cache.serialization.Codecs;
import io.zenoo.cache.serialization.Copier;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.StoreAccessException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.cache.CacheException;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * The Redis backend: a {@link javax.cache.Cache} (and {@link io.zenoo.cache.ZenooCache}) whose entries
 * live in Redis under {@code namespace:cacheName:key}, encoded by the configured codec, expiring by native
 * Redis TTL. See {@link RedisStore} for atomicity and expiry, {@link RedisKeys} for key naming.
 *
 * <p>Statistics ({@link #stats()}): {@code backend} ("redis"), {@code url} (credentials masked),
 * {@code namespace}, {@code serializer}, {@code connected} (the shared connection is open; reading it never
 * connects), {@code current_size} (this cache's keys in Redis, counted with SCAN; -1 while not connected),
 * {@code total_operations} (Redis round trips this cache started), {@code connection_errors} (those that
 * failed: refused, timed out, server error), {@code error_rate}, plus the common {@code hit_rate},
 * {@code hits}, {@code misses}, {@code expired_items}, {@code decode_errors}. {@code circuit_state},
 * {@code circuit_breaker_trips} and {@code fallback_hits} are there with the seed's names; until the
 * resilience layer exists every call goes to Redis, so they read closed, 0 and 0.
 */
public final class RedisCache<K, V> extends CacheEngine<K, V> {

  /** How long Redis keeps an entry past its JCache expiry, so that readers can still report it expired. */
  static final long GRACE_MILLIS = 60_000;

  private final RedisCacheConfiguration<K, V> configuration;
  private final String server;

  private RedisCache(
      String name,
      CacheOwner owner,
      RedisCacheConfiguration<K, V> configuration,
      ClassLoader classLoader,
      Clock clock,
      Executor executor,
      Codec<K> keyCodec,
      Codec<V> valueCodec) {
    super(
        name,
        owner,
        configuration,
        clock,
        executor,
        Copier.codec(valueCodec),
        (removalListener, copier) ->
            new RedisStore<>(
                SharedClients.acquire(settings(configuration)),
                new RedisKeys<>(configuration.getNamespace(), name, configuration.getKeyType(), keyCodec),
                clock,
                System::currentTimeMillis,
                GRACE_MILLIS));
    this.configuration = configuration;
    this.server = RedisUris.mask(configuration.getUrl());
  }

  /** Creates a Redis cache; nothing connects until {@link #connect()} or the first operation. */
  public static <K, V> RedisCache<K, V> create(
      String name,
      CacheOwner owner,
      RedisCacheConfiguration<K, V> configuration,
      ClassLoader classLoader,
      Executor executor) {
    AllowList.Builder allow = AllowList.builder();
    for (String allowed : configuration.getAllowedPackages()) {
      if (allowed.endsWith(".") || Character.isLowerCase(allowed.charAt(allowed.lastIndexOf('.') + 1))) {
        allow.allowPackage(allowed);
      } else {
        allow.allowClassName(allowed);
      }
    }
    AllowList allowList = allow.build();
    Codec<K> keyCodec =
        Codecs.forName(configuration.getSerializer(), configuration.getKeyType(), allowList, classLoader);
    Codec<V> valueCodec =
        Codecs.forName(configuration.getSerializer(), configuration.getValueType(), allowList, classLoader);
    return new RedisCache<>(
        name, owner, configuration, classLoader, Clock.system(), executor, keyCodec, valueCodec);
  }

  /**
   * Returns the cache another manager created under this name in the namespace of {@code base} on its
   * server, configured from its descriptor, or null when there is none.
   */
  public static @Nullable RedisCache<Object, Object> discover(
      String name,
      CacheOwner owner,
      RedisCacheConfiguration<Object, Object> base,
      ClassLoader classLoader,
      Executor executor) {
    try (SharedClients.Lease lease = SharedClients.acquire(settings(base))) {
      return CacheDirectory.lookup(lease, base.getNamespace(), name, base, classLoader)
          .map(configuration -> create(name, owner, configuration, classLoader, executor))
          .orElse(null);
    }
  }

  /** Records this cache in its namespace's directory, so that other JVMs discover it. Best effort. */
  public void publishDescriptor() {
    CacheDirectory.register(((RedisStore<K>) store()).lease(), configuration.getNamespace(), getName(), configuration);
  }

  @Override
  protected void onDestroy() {
    CacheDirectory.remove(((RedisStore<K>) store()).lease(), configuration.getNamespace(), getName());
  }

  static SharedClients.Settings settings(RedisCacheConfiguration<?, ?> configuration) {
    return new SharedClients.Settings(
        configuration.getUrl(),
        configuration.getSocketTimeout(),
        configuration.getSocketConnectTimeout(),
        configuration.getSslTruststore(),
        configuration.getSslTruststorePassword());
  }

  @Override
  public void connect() {
    super.connect();
    try {
      ((RedisStore<K>) store()).connect();
    } catch (StoreAccessException e) {
      throw new CacheException("Cache " + getName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected CompleteConfiguration<K, V> snapshotConfiguration(
      List<CacheEntryListenerConfiguration<K, V>> listeners, boolean statisticsEnabled, boolean managementEnabled) {
    return configuration.toBuilder()
        .listeners(listeners)
        .statisticsEnabled(statisticsEnabled)
        .managementEnabled(managementEnabled)
        .build();
  }

  @Override
  protected Map<String, Object> backendStatistics() {
    RedisStore<K> store = (RedisStore<K>) store();
    Map<String, Object> values = new LinkedHashMap<>();
    boolean connected = store.isConnected();
    values.put("url", server);
    values.put("namespace", configuration.getNamespace());
    values.put("serializer", configuration.getSerializer());
    values.put("connected", connected);
    values.put("current_size", connected ? store.size() : -1L);
    long operations = store.operations();
    long errors = store.errors();
    values.put("total_operations", operations);
    values.put("connection_errors", errors);
    values.put("error_rate", operations == 0 ? 0d : (double) errors / operations);
    // no circuit breaker or fallback yet: every call goes to Redis (the breaker is always closed in
    // effect), none ever tripped, none was served by a fallback; the resilience layer makes these live
    values.put("circuit_state", "closed");
    values.put("circuit_breaker_trips", 0L);
    values.put("fallback_hits", 0L);
    return values;
  }

  @Override
  protected String backendName() {
    return "redis";
  }
}
