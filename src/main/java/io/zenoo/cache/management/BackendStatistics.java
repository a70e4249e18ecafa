package io.zenoo.cache.management;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Publishes a backend's statistics map (keys as in the seed API) as a {@link BackendStatisticsMXBean}. */
public final class BackendStatistics implements BackendStatisticsMXBean {

  private final Supplier<Map<String, Object>> source;

  /** Creates a bean reading a fresh snapshot from the source on every attribute read. */
  public BackendStatistics(Supplier<Map<String, Object>> source) {
    this.source = source;
  }

  @Override
  public String getBackend() {
    return String.valueOf(source.get().get("backend"));
  }

  @Override
  public long getCurrentSize() {
    return number("current_size").longValue();
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
