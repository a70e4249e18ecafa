package io.zenoo.cache.redis;

import io.zenoo.cache.CacheUnavailableException;
import io.zenoo.cache.config.RedisCacheConfiguration;
import io.zenoo.cache.config.RedisUris;
import io.zenoo.cache.core.CacheEngine;
import io.zenoo.cache.core.CacheOwner;
import io.zenoo.cache.memory.MemoryStore;
import io.zenoo.cache.resilience.Backoff;
import io.zenoo.cache.resilience.ResilienceSettings;
import io.zenoo.cache.resilience.ResilientStore;
import io.zenoo.cache.resilience.Sleeper;
import io.zenoo.cache.serialization.AllowList;
import io.zenoo.cache.serialization.Codec;
import io.zenoo.cache.serialization.Codecs;
import io.zenoo.cache.serialization.Copier;
import io.zenoo.cache.store.Clock;
import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.store.StoreUnavailableException;
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
 * {@code deployment} ({@code server}, {@code cluster} or {@code sentinel}, from the URL), {@code namespace}, {@code serializer}, {@code connected} (the shared connection is open; reading it never
 * connects), {@code current_size} (this cache's keys in Redis, counted with SCAN; -1 while not connected),
 * {@code total_operations} (Redis round trips this cache started), {@code connection_errors} (those that
 * failed: refused, timed out, server error), {@code error_rate}, plus the common {@code hit_rate},
 * {@code hits}, {@code misses}, {@code expired_items}, {@code decode_errors}; and from the resilience layer
 * ({@link ResilientStore}): {@code circuit_state} (closed, open, half_open), {@code circuit_breaker_trips},
 * {@code circuit_history} (the last transitions, such as {@code closed→open, open→half_open}; the circuit is
 * the server's, shared by the caches on it with the same threshold and timeout, and so are these three),
 * {@code fallback_hits} (operations the in-memory fallback served), {@code degraded} (the fallback serves
 * until the outage's writes are reconciled), {@code pending_reconciliation}, {@code last_health_check} and
 * {@code health_check_latency_ms}. {@code connected} is false while the circuit is open.
 *
 * <p>Resilience: every call goes through a {@link ResilientStore} (retry, circuit breaker, fallback) unless
 * all three are off ({@code retry_attempts=1}, {@code circuit_breaker_threshold=0},
 * {@code enable_fallback=false}), in which case the cache talks to Redis directly.
 */
public final class RedisCache<K, V> extends CacheEngine<K, V> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RedisCache.class);

  /** How long Redis keeps an entry past its JCache expiry, so that readers can still report it expired. */
  static final long GRACE_MILLIS = 60_000;

  /** How often the fallback's expired entries are swept. */
  private static final long FALLBACK_SWEEP_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

  /** Bytes charged per fallback entry for the map node and its links, as MemoryCache does. */
  private static final long FALLBACK_ENTRY_OVERHEAD = 80;

  /** Keys the outage journal lists before it asks recovery to clear the whole cache in Redis instead. */
  static final int JOURNAL_LIMIT = 100_000;

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
            resilient(
                new RedisStore<>(
                    SharedClients.acquire(settings(configuration)),
                    new RedisKeys<>(configuration.getNamespace(), name, configuration.getKeyType(), keyCodec),
                    clock,
                    wallClock(clock),
                    GRACE_MILLIS),
                configuration,
                clock,
                () -> MemoryStore.create(
                    configuration.getFallbackMaxSize(),
                    FALLBACK_SWEEP_NANOS,
                    clock,
                    (key, stored) -> FALLBACK_ENTRY_OVERHEAD + copier.weigh(key) + copier.weigh(stored),
                    removalListener)));
    this.configuration = configuration;
    this.server = RedisUris.mask(configuration.getUrl());
  }

  /**
   * Returns the wall clock that envelopes convert expiry with: the system's, or for an injected test clock
   * one that moves with it (from the wall-clock time at creation), so that moving the test clock moves
   * what a read sees as expired.
   */
  private static java.util.function.LongSupplier wallClock(Clock clock) {
    if (clock == Clock.system()) {
      return System::currentTimeMillis;
    }
    long wallAtStart = System.currentTimeMillis();
    long nanosAtStart = clock.nanos();
    return () -> wallAtStart + (clock.nanos() - nanosAtStart) / 1_000_000L;
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
        name, owner, configuration, classLoader, configuration.getClock(), executor, keyCodec, valueCodec);
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
    } catch (CacheException e) {
      if (!base.isFallbackEnabled()) {
        throw e;
      }
      // Redis is unusable and the fallback serves: the application goes on, the cache is unknown for now
      LOG.warn("{}; with the fallback enabled, cache {} is treated as not created yet", e.getMessage(), name);
      return null;
    }
  }

  /** Records this cache in its namespace's directory, so that other JVMs discover it. Best effort. */
  public void publishDescriptor() {
    CacheDirectory.register(redisStore().lease(), configuration.getNamespace(), getName(), configuration);
  }

  @Override
  protected void onDestroy() {
    CacheDirectory.remove(redisStore().lease(), configuration.getNamespace(), getName());
  }

  static SharedClients.Settings settings(RedisCacheConfiguration<?, ?> configuration) {
    return new SharedClients.Settings(
        configuration.getUrl(),
        configuration.getSocketTimeout(),
        configuration.getSocketConnectTimeout(),
        configuration.getSslTruststore(),
        configuration.getSslTruststorePassword(),
        configuration.getRetryBackoffBase(),
        configuration.getRetryBackoffMax());
  }

  /** Wraps the Redis store in the resilience layer, unless the configuration turns all of it off. */
  private static <K> Store<K, Object> resilient(
      RedisStore<K> redis,
      RedisCacheConfiguration<?, ?> configuration,
      Clock clock,
      java.util.function.Supplier<Store<K, Object>> fallback) {
    if (configuration.getRetryAttempts() == 1
        && configuration.getCircuitBreakerThreshold() == 0
        && !configuration.isFallbackEnabled()) {
      return redis;
    }
    ResilienceSettings settings =
        new ResilienceSettings(
            configuration.getRetryAttempts(),
            new Backoff(configuration.getRetryBackoffBase(), configuration.getRetryBackoffMax()),
            configuration.getCircuitBreakerThreshold(),
            configuration.getCircuitBreakerTimeout(),
            configuration.getHealthCheckInterval(),
            configuration.isFallbackEnabled(),
            RedisCacheConfiguration.RECONCILE_REPLAY.equals(configuration.getFallbackReconcile()),
            JOURNAL_LIMIT);
    // one circuit per server (and threshold and timeout), shared by its caches: an outage is found once
    return ResilientStore.createShared(
        redis,
        configuration.isFallbackEnabled() ? fallback.get() : null,
        settings,
        clock,
        Sleeper.system(),
        settings(configuration));
  }

  @SuppressWarnings("unchecked")
  private RedisStore<K> redisStore() {
    Store<K, Object> store = store();
    return store instanceof ResilientStore<K, Object> resilient
        ? (RedisStore<K>) resilient.remote()
        : (RedisStore<K>) store;
  }

  private @Nullable ResilientStore<K, Object> resilientStore() {
    return store() instanceof ResilientStore<K, Object> resilient ? resilient : null;
  }

  /**
   * Connects now. When Redis cannot be reached and the fallback is enabled, the cache starts degraded
   * (statistics say {@code connected: false}), serves from the fallback and heals by itself when the
   * server appears.
   *
   * @throws CacheUnavailableException if Redis cannot be reached and the fallback is disabled
   * @throws CacheException if Redis refuses the connection for another reason (e.g. wrong credentials)
   */
  @Override
  public void connect() {
    super.connect();
    ResilientStore<K, Object> resilient = resilientStore();
    try {
      if (resilient != null) {
        resilient.connect();
      } else {
        redisStore().connect();
      }
    } catch (StoreUnavailableException e) {
      throw new CacheUnavailableException("Cache " + getName() + ": " + e.getMessage(), e);
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
    RedisStore<K> redis = redisStore();
    ResilientStore<K, Object> resilient = resilientStore();
    Map<String, Object> values = new LinkedHashMap<>();
    boolean connected = resilient != null ? resilient.isConnected() : redis.isConnected();
    values.put("url", server);
    values.put("deployment", redis.lease().deployment());
    values.put("namespace", configuration.getNamespace());
    values.put("serializer", configuration.getSerializer());
    values.put("connected", connected);
    boolean degraded = resilient != null && resilient.isDegraded();
    values.put("current_size", connected || degraded ? store().size() : -1L);
    long operations = redis.operations();
    long errors = redis.errors();
    values.put("total_operations", operations);
    values.put("connection_errors", errors);
    values.put("error_rate", operations == 0 ? 0d : (double) errors / operations);
    values.put("circuit_state", resilient != null ? resilient.circuitState() : "closed");
    values.put("circuit_breaker_trips", resilient != null ? resilient.circuitBreakerTrips() : 0L);
    values.put("circuit_history", resilient != null ? String.join(", ", resilient.circuitHistory()) : "");
    values.put("fallback_hits", resilient != null ? resilient.fallbackHits() : 0L);
    values.put("degraded", degraded);
    values.put("pending_reconciliation", resilient != null ? resilient.pendingReconciliation() : 0);
    values.put("last_health_check", resilient != null ? resilient.lastHealthCheck() : "never");
    values.put("health_check_latency_ms", resilient != null ? resilient.healthCheckLatencyMillis() : -1d);
    return values;
  }

  @Override
  protected String backendName() {
    return "redis";
  }
}
