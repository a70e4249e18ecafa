package io.zenoo.cache.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.zenoo.cache.CacheStats;
import io.zenoo.cache.ZenooCache;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Publishes a cache's backend and resilience statistics ({@link ZenooCache#stats()}) as Micrometer meters.
 *
 * <p>It is made to sit beside Micrometer's own {@code JCacheMetrics}, which reads the standard JCache
 * statistics MXBean ({@code cache.gets} by {@code result}, {@code cache.puts}, {@code cache.removals},
 * {@code cache.evictions}) and only while statistics are enabled: none of those is repeated here. Every
 * meter carries the tag {@code cache} (the cache's name, the same key as {@code JCacheMetrics}, so the two
 * join on it), {@code backend} ({@code memory} or {@code redis}) and the caller's tags:
 *
 * <table>
 *   <caption>Meters, by the {@code stats()} key they read</caption>
 *   <tr><th>meter</th><th>type</th><th>key</th><th>backends</th></tr>
 *   <tr><td>{@code zenoo.cache.hit.rate}</td><td>gauge, 0..1</td><td>{@code hit_rate}</td><td>all</td></tr>
 *   <tr><td>{@code zenoo.cache.size}</td><td>gauge, entries (NaN while unknown)</td>
 *       <td>{@code current_size}</td><td>all</td></tr>
 *   <tr><td>{@code zenoo.cache.memory.usage}</td><td>gauge, bytes</td><td>{@code memory_usage}</td>
 *       <td>memory</td></tr>
 *   <tr><td>{@code zenoo.cache.connected}</td><td>gauge, 1 or 0</td><td>{@code connected}</td>
 *       <td>redis</td></tr>
 *   <tr><td>{@code zenoo.cache.circuit.state}</td><td>gauge per tag {@code state} ({@code closed},
 *       {@code open}, {@code half_open}): 1 for the current state, 0 for the others</td>
 *       <td>{@code circuit_state}</td><td>redis</td></tr>
 *   <tr><td>{@code zenoo.cache.circuit.trips}</td><td>function counter</td>
 *       <td>{@code circuit_breaker_trips}</td><td>redis</td></tr>
 *   <tr><td>{@code zenoo.cache.fallback.hits}</td><td>function counter</td><td>{@code fallback_hits}</td>
 *       <td>redis</td></tr>
 *   <tr><td>{@code zenoo.cache.backend.operations}</td><td>function counter</td>
 *       <td>{@code total_operations}</td><td>redis</td></tr>
 *   <tr><td>{@code zenoo.cache.backend.errors}</td><td>function counter</td>
 *       <td>{@code connection_errors}</td><td>redis</td></tr>
 *   <tr><td>{@code zenoo.cache.backend.error.rate}</td><td>gauge, 0..1</td><td>{@code error_rate}</td>
 *       <td>redis</td></tr>
 * </table>
 *
 * <p>Only the meters whose key the cache reports when bound are registered. The meters hold the cache
 * weakly, as Micrometer's binders do, and read NaN once it is collected or when its statistics cannot be
 * read. One statistics snapshot serves every meter of the cache for {@link #DEFAULT_SNAPSHOT_MAX_AGE} (or
 * the age given), so that one scrape costs one snapshot; on Redis a snapshot counts the cache's keys with
 * SCAN.
 *
 * <p>Nothing else in the library refers to this class, so Micrometer (an optional dependency) is needed
 * only by applications that bind it. Thread-safe.
 */
public final class ZenooCacheMetrics implements MeterBinder {

  /** How long one statistics snapshot serves the meters by default. */
  public static final Duration DEFAULT_SNAPSHOT_MAX_AGE = Duration.ofSeconds(1);

  /** The tag naming the cache; the same key as Micrometer's cache binders. */
  public static final String CACHE_TAG = "cache";

  /** The tag naming the backend, {@code memory} or {@code redis}. */
  public static final String BACKEND_TAG = "backend";

  /** The tag of {@code zenoo.cache.circuit.state} naming the state a gauge stands for. */
  public static final String STATE_TAG = "state";

  /** The circuit states, as {@code stats()} names them. */
  static final List<String> CIRCUIT_STATES = List.of("closed", "open", "half_open");

  private final ZenooCache<?, ?> cache;
  private final Iterable<Tag> tags;
  private final StatsSnapshots snapshots;

  /** Creates a binder for the cache with extra tags, sharing a snapshot for the default age. */
  public ZenooCacheMetrics(ZenooCache<?, ?> cache, Iterable<Tag> tags) {
    this(cache, tags, DEFAULT_SNAPSHOT_MAX_AGE);
  }

  /** Creates a binder for the cache with extra tags, sharing a snapshot for at most the given age. */
  public ZenooCacheMetrics(ZenooCache<?, ?> cache, Iterable<Tag> tags, Duration snapshotMaxAge) {
    this(cache, tags, nonNegative(snapshotMaxAge).toNanos(), System::nanoTime);
  }

  private static Duration nonNegative(Duration snapshotMaxAge) {
    if (snapshotMaxAge.isNegative()) {
      throw new IllegalArgumentException("snapshotMaxAge must be >= 0, but was " + snapshotMaxAge);
    }
    return snapshotMaxAge;
  }

  ZenooCacheMetrics(ZenooCache<?, ?> cache, Iterable<Tag> tags, long snapshotMaxAgeNanos, LongSupplier ticker) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    this.snapshots = new StatsSnapshots(snapshotMaxAgeNanos, ticker);
  }

  /**
   * Binds the meters of the cache to the registry and returns the cache, as {@code JCacheMetrics.monitor}
   * does; {@code tags} are key/value pairs.
   */
  public static <C extends ZenooCache<?, ?>> C monitor(MeterRegistry registry, C cache, String... tags) {
    return monitor(registry, cache, Tags.of(tags));
  }

  /** Binds the meters of the cache to the registry with extra tags and returns the cache. */
  public static <C extends ZenooCache<?, ?>> C monitor(MeterRegistry registry, C cache, Iterable<Tag> tags) {
    new ZenooCacheMetrics(cache, tags).bindTo(registry);
    return cache;
  }

  /**
   * Registers the meters for the statistics the cache reports now: reads {@link ZenooCache#stats()} once,
   * and lets through what it throws.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    CacheStats first = cache.stats();
    Tags common = Tags.of(tags).and(CACHE_TAG, cache.getName()).and(BACKEND_TAG, first.backend());
    if (first.get("hit_rate") != null) {
      gauge(registry, common, "zenoo.cache.hit.rate", null, "Hits divided by reads, since creation",
          stats -> number(stats, "hit_rate"));
    }
    if (first.get("current_size") != null) {
      gauge(registry, common, "zenoo.cache.size", "entries", "Entries held now; NaN while the backend cannot say",
          stats -> {
            double size = number(stats, "current_size");
            return size < 0 ? Double.NaN : size;
          });
    }
    if (first.get("memory_usage") != null) {
      gauge(registry, common, "zenoo.cache.memory.usage", "bytes", "Estimated bytes held",
          stats -> number(stats, "memory_usage"));
    }
    if (first.get("connected") != null) {
      gauge(registry, common, "zenoo.cache.connected", null,
          "1 while the backend is usable (connected, circuit not open), else 0",
          stats -> stats.get("connected") instanceof Boolean b ? (b ? 1d : 0d) : Double.NaN);
    }
    if (first.get("circuit_state") != null) {
      for (String state : CIRCUIT_STATES) {
        gauge(registry, common.and(STATE_TAG, state), "zenoo.cache.circuit.state", null,
            "1 if the circuit breaker is in this state, else 0",
            stats -> {
              Object current = stats.get("circuit_state");
              return current == null ? Double.NaN : (state.equals(current.toString()) ? 1d : 0d);
            });
      }
    }
    counter(registry, common, first, "circuit_breaker_trips", "zenoo.cache.circuit.trips",
        "Times the circuit breaker opened");
    counter(registry, common, first, "fallback_hits", "zenoo.cache.fallback.hits",
        "Operations the in-memory fallback served while the backend was unusable");
    counter(registry, common, first, "total_operations", "zenoo.cache.backend.operations",
        "Round trips sent or attempted to the backend");
    counter(registry, common, first, "connection_errors", "zenoo.cache.backend.errors",
        "Round trips that failed: refused, timed out or a server error");
    if (first.get("error_rate") != null) {
      gauge(registry, common, "zenoo.cache.backend.error.rate", null,
          "Backend errors divided by backend operations, since creation",
          stats -> number(stats, "error_rate"));
    }
  }

  private void gauge(
      MeterRegistry registry, Tags tags, String name, @Nullable String baseUnit, String description,
      ToDoubleFunction<CacheStats> value) {
    StatsSnapshots shared = snapshots;
    Gauge.builder(name, cache, c -> read(shared, c, value))
        .tags(tags)
        .baseUnit(baseUnit)
        .description(description)
        .register(registry);
  }

  private void counter(
      MeterRegistry registry, Tags tags, CacheStats first, String key, String name, String description) {
    if (first.get(key) == null) {
      return;
    }
    StatsSnapshots shared = snapshots;
    FunctionCounter.builder(name, cache, c -> read(shared, c, stats -> number(stats, key)))
        .tags(tags)
        .description(description)
        .register(registry);
  }

  // static, and given the snapshots rather than this: the meters must not hold the cache strongly
  private static double read(StatsSnapshots snapshots, ZenooCache<?, ?> cache, ToDoubleFunction<CacheStats> value) {
    CacheStats stats = snapshots.read(cache);
    return stats == null ? Double.NaN : value.applyAsDouble(stats);
  }

  private static double number(CacheStats stats, String key) {
    return stats.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
