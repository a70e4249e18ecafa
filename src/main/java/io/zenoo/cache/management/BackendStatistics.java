package io.zenoo.cache.management;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.AttributeList;
import javax.management.StandardMBean;
import org.jspecify.annotations.Nullable;

/**
 * Publishes a backend's statistics map (keys as in the seed API) as a {@link BackendStatisticsMXBean}.
 *
 * <p><b>Cost.</b> A snapshot of the statistics can be expensive: on Redis it counts the cache's keys with
 * a SCAN, O(n) in the keys of the database. Reading several attributes in one call
 * ({@code MBeanServerConnection.getAttributes}, which consoles and exporters use) takes one snapshot for
 * all of them; reading one attribute ({@code getAttribute}) takes one snapshot, so the value is current.
 * Nothing of this runs on a cache operation's path.
 *
 * <p><b>Failure.</b> A figure the backend cannot give now (the size while Redis does not answer) is absent
 * from the snapshot, with the reason under {@code <name>_error}; its attribute then fails with that reason
 * rather than show a made-up number.
 *
 * <p>Thread safe: a batch's snapshot is held for the reading thread only.
 */
public final class BackendStatistics extends StandardMBean implements BackendStatisticsMXBean {

  private final Supplier<Map<String, Object>> snapshots;
  /** The snapshot of the attribute batch the current thread is reading, if any. */
  private final ThreadLocal<@Nullable Map<String, Object>> batch = new ThreadLocal<>();
  private final Supplier<Map<String, Object>> source = this::current;

  /** Creates a bean over the source of snapshots. */
  public BackendStatistics(Supplier<Map<String, Object>> snapshots) {
    super(BackendStatisticsMXBean.class, /* isMXBean= */ true);
    this.snapshots = snapshots;
  }

  private Map<String, Object> current() {
    Map<String, Object> held = batch.get();
    return held != null ? held : snapshots.get();
  }

  /** Reads the attributes from one snapshot. */
  @Override
  public AttributeList getAttributes(String[] attributes) {
    batch.set(snapshots.get());
    try {
      return super.getAttributes(attributes);
    } finally {
      batch.remove();
    }
  }

  @Override
  public String getBackend() {
    return String.valueOf(source.get().get("backend"));
  }

  /**
   * Returns the entries held, as counted by the last snapshot (O(n) on Redis: a SCAN).
   *
   * @throws IllegalStateException when the backend could not count them, with the reason
   */
  @Override
  public long getCurrentSize() {
    Map<String, Object> values = source.get();
    if (!(values.get("current_size") instanceof Number size)) {
      throw new IllegalStateException("current_size unavailable: " + values.getOrDefault("current_size_error",
          "the backend does not report it"));
    }
    return size.longValue();
  }

  @Override
  public double getHitRate() {
    return number("hit_rate").doubleValue();
  }

  @Override
  public long getMemoryUsage() {
    return number("memory_usage").longValue();
  }

  @Override
  public boolean isConnected() {
    return !Boolean.FALSE.equals(source.get().get("connected"));
  }

  @Override
  public String getCircuitState() {
    Object state = source.get().get("circuit_state");
    return state == null ? "closed" : state.toString();
  }

  @Override
  public long getCircuitBreakerTrips() {
    return number("circuit_breaker_trips").longValue();
  }

  @Override
  public String getDegradedReason() {
    Object reason = source.get().get("degraded_reason");
    return reason == null ? "" : reason.toString();
  }

  @Override
  public long getFallbackHits() {
    return number("fallback_hits").longValue();
  }

  @Override
  public long getTotalOperations() {
    return number("total_operations").longValue();
  }

  @Override
  public long getConnectionErrors() {
    return number("connection_errors").longValue();
  }

  @Override
  public double getErrorRate() {
    return number("error_rate").doubleValue();
  }

  @Override
  public Map<String, String> getStatistics() {
    Map<String, String> text = new LinkedHashMap<>();
    source.get().forEach((k, v) -> text.put(k, String.valueOf(v)));
    return text;
  }

  private Number number(String key) {
    Object value = source.get().get(key);
    return value instanceof Number n ? n : 0;
  }
}
