package io.zenoo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns JMH's JSON result file into {@code results.md}: for the in-memory benchmarks, ops/s per
 * (benchmark, threads, storeByValue, provider) and each provider's ratio to Caffeine in the same
 * run, then a compact table of those ratios; for the Redis benchmarks ({@code Redis*}), ops/s per
 * (benchmark, threads, provider) with the ratios to raw Lettuce ({@code lettuce-sync} or {@code
 * lettuce-async}, whichever the group has) and to Redisson, a compact table of zenoo-redis's ratios
 * beside SPEC.md 7's targets, and the redis-benchmark figures if given. Usage: {@code java -cp
 * benchmarks.jar io.zenoo.bench.ResultsTable jmh-result.json results.md [note]
 * [redis-benchmark.txt]}.
 */
public final class ResultsTable {

  static final String REFERENCE = "caffeine";
  /** Benchmark groups (class name without 1T/2T) with this prefix are Redis rows. */
  static final String REDIS_PREFIX = "Redis";
  static final String REDIS_ASYNC = "RedisAsync.";
  static final String ZENOO_REDIS = "zenoo-redis";
  static final String REDISSON = "redisson";
  static final String LETTUCE_PREFIX = "lettuce-";
  /** SPEC.md section 7, for zenoo-redis. */
  static final double SYNC_VS_LETTUCE = 0.9;
  static final double SYNC_VS_REDISSON = 1.5;
  static final double ASYNC_VS_LETTUCE = 0.8;

  private ResultsTable() {}

  record Row(String benchmark, int threads, String storeByValue, String provider, double score,
      double error, String unit, int forks, int iterations) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: ResultsTable <jmh-result.json> <results.md> [note] [redis-benchmark.txt]");
      System.exit(2);
    }
    String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    List<Row> rows = parse(json);
    String note = args.length > 2 ? args[2] : null;
    String redisBenchmark = null;
    if (args.length > 3 && Files.isReadable(Path.of(args[3]))) {
      redisBenchmark = Files.readString(Path.of(args[3]), StandardCharsets.UTF_8);
    }
    Files.writeString(Path.of(args[1]), render(rows, note, redisBenchmark), StandardCharsets.UTF_8);
    System.out.println("wrote " + args[1] + " (" + rows.size() + " results)");
  }

  static List<Row> parse(String json) {
    Object root = new Json(json).parse();
    if (!(root instanceof List<?> list)) {
      throw new IllegalArgumentException("expected a JSON array of JMH results");
    }
    List<Row> rows = new ArrayList<>();
    for (Object o : list) {
      Map<?, ?> r = (Map<?, ?>) o;
      String fqn = (String) r.get("benchmark");
      String cls = fqn.substring(0, fqn.lastIndexOf('.'));
      String simple = cls.substring(cls.lastIndexOf('.') + 1);
      String method = fqn.substring(fqn.lastIndexOf('.') + 1);
      // MemoryCache1T / MemoryCache2T share one name: the thread count has its own column
      String group = simple.replaceFirst("\\d+T$", "");
      Map<?, ?> params = r.get("params") instanceof Map<?, ?> p ? p : Map.of();
      Map<?, ?> metric = (Map<?, ?>) r.get("primaryMetric");
      double score = ((Number) metric.get("score")).doubleValue();
      Object err = metric.get("scoreError");
      double error = err instanceof Number n ? n.doubleValue() : Double.NaN;
      String unit = (String) metric.get("scoreUnit");
      if (unit.endsWith("/us")) { // normalise to ops/s whatever -tu was used
        score *= 1e6;
        error *= 1e6;
      } else if (unit.endsWith("/ms")) {
        score *= 1e3;
        error *= 1e3;
      }
      rows.add(new Row(group + "." + method, ((Number) r.get("threads")).intValue(),
          String.valueOf(params.get("storeByValue")), String.valueOf(params.get("provider")),
          score, error, "ops/s", ((Number) r.get("forks")).intValue(),
          ((Number) r.get("measurementIterations")).intValue()));
    }
    return rows;
  }

  static String render(List<Row> rows, String note) {
    return render(rows, note, null);
  }

  /**
   * The whole file: the title and note, the in-memory rows (ratio to Caffeine) if any, then the
   * Redis rows (ratios to raw Lettuce and to Redisson) if any, with {@code redisBenchmark} (the
   * output of {@link RedisBaseline}, or null when it was not run) under them.
   */
  static String render(List<Row> rows, String note, String redisBenchmark) {
    List<Row> memory = new ArrayList<>();
    List<Row> redis = new ArrayList<>();
    for (Row r : rows) {
      (isRedis(r) ? redis : memory).add(r);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# JCache provider benchmarks\n\n");
    if (note != null && !note.isBlank()) {
      sb.append(note).append("\n\n");
    }
    if (!memory.isEmpty() || redis.isEmpty()) {
      renderMemory(sb, memory);
    }
    if (!redis.isEmpty()) {
      if (!memory.isEmpty()) {
        sb.append('\n');
      }
      renderRedis(sb, redis, redisBenchmark);
    }
    return sb.toString();
  }

  static boolean isRedis(Row r) {
    return r.benchmark().startsWith(REDIS_PREFIX);
  }

  private static List<String> providerOrder() {
    List<String> providerOrder = new ArrayList<>();
    for (String p : Providers.names()) {
      providerOrder.add(p);
    }
    return providerOrder;
  }

  private static void renderMemory(StringBuilder sb, List<Row> rows) {
    List<String> providerOrder = providerOrder();
    Comparator<Row> order = Comparator.comparing(Row::benchmark)
        .thenComparingInt(Row::threads)
        .thenComparing(Row::storeByValue, Comparator.reverseOrder())
        .thenComparingInt(r -> rank(providerOrder, r.provider()));
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(order);

    // reference score per (benchmark, threads, storeByValue)
    Map<String, Double> reference = new LinkedHashMap<>();
    for (Row r : sorted) {
      if (REFERENCE.equals(r.provider())) {
        reference.put(key(r), r.score());
      }
    }

    if (!sorted.isEmpty()) {
      Row first = sorted.get(0);
      sb.append("Throughput through `javax.cache.Cache`, higher is better. ")
          .append(first.forks()).append(" fork(s) x ").append(first.iterations())
          .append(" measurement iteration(s) per row; ± is JMH's 99.9 % confidence half-width. ")
          .append("`x caffeine` is the ratio to Caffeine's JCache in the same row group of this run; ")
          .append("only ratios within one run mean anything on a shared machine. ")
          .append("`chm` is a raw ConcurrentHashMap (no bound, no copies, no expiry), the ceiling.\n\n");
    }
    sb.append("| benchmark | threads | storeByValue | provider | ops/s | ± | x caffeine |\n");
    sb.append("|---|---:|---|---|---:|---:|---:|\n");
    for (Row r : sorted) {
      Double ref = reference.get(key(r));
      sb.append("| ").append(r.benchmark())
          .append(" | ").append(r.threads())
          .append(" | ").append(r.storeByValue())
          .append(" | ").append(r.provider())
          .append(" | ").append(String.format(Locale.ROOT, "%,.0f", r.score()))
          .append(" | ").append(Double.isNaN(r.error()) ? "n/a"
              : String.format(Locale.ROOT, "%.0f %%", 100 * r.error() / r.score()))
          .append(" | ").append(ref == null ? "n/a" : String.format(Locale.ROOT, "%.2f", r.score() / ref))
          .append(" |\n");
    }

    // compact view: one line per (benchmark, threads, storeByValue), one column per provider
    Set<String> providers = new LinkedHashSet<>();
    sorted.stream().map(Row::provider).sorted(Comparator.comparingInt(p -> rank(providerOrder, p)))
        .forEach(providers::add);
    Map<String, Map<String, Row>> groups = new LinkedHashMap<>();
    for (Row r : sorted) {
      groups.computeIfAbsent(key(r), k -> new LinkedHashMap<>()).put(r.provider(), r);
    }
    sb.append("\n## Ratio to caffeine\n\n| benchmark | threads | storeByValue |");
    for (String p : providers) {
      sb.append(' ').append(p).append(" |");
    }
    sb.append("\n|---|---:|---|");
    sb.append("---:|".repeat(providers.size()));
    sb.append('\n');
    for (Map<String, Row> g : groups.values()) {
      Row any = g.values().iterator().next();
      Double ref = reference.get(key(any));
      sb.append("| ").append(any.benchmark()).append(" | ").append(any.threads())
          .append(" | ").append(any.storeByValue()).append(" |");
      for (String p : providers) {
        Row r = g.get(p);
        sb.append(' ').append(r == null ? "" : ref == null ? "n/a"
            : String.format(Locale.ROOT, "%.2f", r.score() / ref)).append(" |");
      }
      sb.append('\n');
    }
  }

  private static void renderRedis(StringBuilder sb, List<Row> rows, String redisBenchmark) {
    List<String> providerOrder = providerOrder();
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(Row::benchmark)
        .thenComparingInt(Row::threads)
        .thenComparingInt(r -> rank(providerOrder, r.provider())));
    // per (benchmark, threads): the rows by provider
    Map<String, Map<String, Row>> groups = new LinkedHashMap<>();
    for (Row r : sorted) {
      groups.computeIfAbsent(key(r), k -> new LinkedHashMap<>()).put(r.provider(), r);
    }

    Row first = sorted.get(0);
    sb.append("## Redis\n\n")
        .append("One redis-server per trial, started by the benchmark (zenoo-cache's test kit, loopback, ")
        .append("no persistence), 10,000 pre-filled keys, 100-char values. `RedisSync` goes through ")
        .append("`javax.cache.Cache` (`lettuce-sync`: raw Lettuce GET/SET on one connection); `RedisAsync` ")
        .append("through each provider's async API with ").append(RedisAsync.IN_FLIGHT)
        .append(" operations in flight, in completed operations per second (`zenoo-redis` ")
        .append("`ZenooCache.getAsync/putAsync`, `redisson` `CacheAsync`, `lettuce-async` raw ")
        .append("`RedisAsyncCommands`). ")
        .append(first.forks()).append(" fork(s) x ").append(first.iterations())
        .append(" measurement iteration(s) per row; ± is JMH's 99.9 % confidence half-width. ")
        .append("`x lettuce` is the ratio to raw Lettuce in the same row group (`lettuce-sync` for ")
        .append("`RedisSync`, `lettuce-async` for `RedisAsync`), `x redisson` the ratio to Redisson's JCache. ")
        .append("SPEC.md 7 targets for `zenoo-redis`: sync at least ").append(fmt(SYNC_VS_LETTUCE))
        .append(" x lettuce and ").append(fmt(SYNC_VS_REDISSON)).append(" x redisson, async at least ")
        .append(fmt(ASYNC_VS_LETTUCE)).append(" x lettuce.\n\n");
    sb.append("| benchmark | threads | provider | ops/s | ± | x lettuce | x redisson |\n");
    sb.append("|---|---:|---|---:|---:|---:|---:|\n");
    for (Row r : sorted) {
      Map<String, Row> g = groups.get(key(r));
      sb.append("| ").append(r.benchmark())
          .append(" | ").append(r.threads())
          .append(" | ").append(r.provider())
          .append(" | ").append(String.format(Locale.ROOT, "%,.0f", r.score()))
          .append(" | ").append(Double.isNaN(r.error()) ? "n/a"
              : String.format(Locale.ROOT, "%.0f %%", 100 * r.error() / r.score()))
          .append(" | ").append(ratio(r, lettuce(g)))
          .append(" | ").append(ratio(r, g.get(REDISSON)))
          .append(" |\n");
    }

    sb.append("\n### Redis ratios\n\n")
        .append("| benchmark | threads | zenoo-redis x lettuce | zenoo-redis x redisson | redisson x lettuce |")
        .append(" target (zenoo-redis) |\n")
        .append("|---|---:|---:|---:|---:|---|\n");
    for (Map<String, Row> g : groups.values()) {
      Row any = g.values().iterator().next();
      Row zenoo = g.get(ZENOO_REDIS);
      Row redisson = g.get(REDISSON);
      boolean async = any.benchmark().startsWith(REDIS_ASYNC);
      sb.append("| ").append(any.benchmark()).append(" | ").append(any.threads())
          .append(" | ").append(zenoo == null ? "" : ratio(zenoo, lettuce(g)))
          .append(" | ").append(zenoo == null ? "" : ratio(zenoo, redisson))
          .append(" | ").append(redisson == null ? "" : ratio(redisson, lettuce(g)))
          .append(" | ").append(any.benchmark().startsWith("RedisBatch.")
              ? "keys/s >= 0.50 x redis-benchmark -P 16 requests/s (see below)"
              : async
              ? ">= " + fmt(ASYNC_VS_LETTUCE) + " x lettuce"
              : ">= " + fmt(SYNC_VS_LETTUCE) + " x lettuce, >= " + fmt(SYNC_VS_REDISSON) + " x redisson")
          .append(" |\n");
    }

    sb.append("\n### Resilience layer\n\n")
        .append("`zenoo-redis` goes through ResilientStore (retry, circuit breaker, fallback), `zenoo-redis-bare` ")
        .append("talks to Redis directly; `zenoo-redis-open` is a RedisCache whose circuit is open (every call ")
        .append("served by its in-memory fallback), compared with MemoryCache (`zenoo`, by value). ")
        .append("SPEC.md 7 target: a call while the circuit is OPEN at most 2x the cost of a MemoryCache call, ")
        .append("i.e. open x memory >= 0.50 in throughput.\n\n")
        .append("| benchmark | threads | with breaker x without | open x memory |\n|---|---:|---:|---:|\n");
    for (Map<String, Row> g : groups.values()) {
      Row any = g.values().iterator().next();
      Row with = g.get(ZENOO_REDIS);
      Row bare = g.get("zenoo-redis-bare");
      Row open = g.get("zenoo-redis-open");
      Row memory = g.get("zenoo");
      if ((with == null || bare == null) && (open == null || memory == null)) {
        continue;
      }
      sb.append("| ").append(any.benchmark()).append(" | ").append(any.threads())
          .append(" | ").append(with == null || bare == null ? "" : ratio(with, bare))
          .append(" | ").append(open == null || memory == null ? "" : ratio(open, memory))
          .append(" |\n");
    }

    sb.append("\n### redis-benchmark\n\n");
    if (redisBenchmark == null || redisBenchmark.isBlank()) {
      sb.append("Not run (run.sh runs `io.zenoo.bench.RedisBaseline` after Redis benchmarks).\n");
    } else {
      sb.append(redisBenchmark.strip()).append('\n');
    }
  }

  /** The raw Lettuce row of a Redis group: the first provider named {@code lettuce-*}. */
  private static Row lettuce(Map<String, Row> group) {
    for (Map.Entry<String, Row> e : group.entrySet()) {
      if (e.getKey().startsWith(LETTUCE_PREFIX)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String ratio(Row r, Row reference) {
    return reference == null ? "n/a" : fmt(r.score() / reference.score());
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String key(Row r) {
    return r.benchmark() + '\u0000' + r.threads() + '\u0000' + r.storeByValue();
  }

  private static int rank(List<String> order, String provider) {
    int i = order.indexOf(provider);
    return i < 0 ? order.size() : i;
  }

  /** Just enough JSON for JMH's result file: objects, arrays, strings, numbers, literals. */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object parse() {
      Object v = value();
      ws();
      if (i != s.length()) {
        throw error("trailing characters");
      }
      return v;
    }

    private Object value() {
      ws();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          return number();
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++; // {
      ws();
      if (peek() == '}') {
        i++;
        return m;
      }
      while (true) {
        ws();
        String k = string();
        ws();
        expect(':');
        m.put(k, value());
        ws();
        if (peek() == ',') {
          i++;
        } else {
          expect('}');
          return m;
        }
      }
    }

    private List<Object> array() {
      List<Object> l = new ArrayList<>();
      i++; // [
      ws();
      if (peek() == ']') {
        i++;
        return l;
      }
      while (true) {
        l.add(value());
        ws();
        if (peek() == ',') {
          i++;
        } else {
          expect(']');
          return l;
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> sb.append(e); // \" \\ \/
        }
      }
    }

    private Object number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String t = s.substring(start, i);
      if (t.isEmpty()) {
        // JMH writes NaN / Infinity as strings, but be lenient with bare ones
        for (String w : new String[] {"NaN", "Infinity", "-Infinity"}) {
          if (s.startsWith(w, i)) {
            i += w.length();
            return Double.valueOf(w);
          }
        }
        throw error("unexpected character '" + s.charAt(i) + "'");
      }
      return Double.valueOf(t);
    }

    private Object literal(String word, Object v) {
      if (!s.startsWith(word, i)) {
        throw error("expected " + word);
      }
      i += word.length();
      return v;
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private char peek() {
      return i < s.length() ? s.charAt(i) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at offset " + i);
    }
  }
}
