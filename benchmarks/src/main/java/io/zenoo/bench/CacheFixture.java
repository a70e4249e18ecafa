package io.zenoo.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every cache benchmark shares, without any benchmark method: one cache per trial, created
 * through {@link Providers} from a plain {@link MutableConfiguration}{@code <String, String>} and
 * filled with {@link #KEYS} entries ({@code "key-" + i}, 100-char values) before measuring; keys
 * are drawn from a precomputed random index array by a per-thread xorshift ({@link Rng}), so the
 * measured loop is one xorshift step, two array loads and the cache call. Subclasses declare the
 * {@code provider} (and {@code storeByValue}) parameters, the expiry policy, the thread count, the
 * benchmarks and the run sizing: {@link CacheBenchmark} for the in-memory providers, {@link
 * RedisSync} and {@link RedisAsync} for the Redis ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class CacheFixture {

  /** Number of distinct keys, all present before measuring. */
  public static final int KEYS = 10_000;
  static final int VALUE_LENGTH = 100;
  /** Distinct values a put chooses from (low bits of the random word), so puts really replace. */
  static final int VALUE_VARIANTS = 16;
  static final int INDEX_SIZE = 1 << 16;
  static final int INDEX_MASK = INDEX_SIZE - 1;
  /** mix: a put when the upper 16 random bits are below this, i.e. 6554 / 65536 = 10.0 %. */
  static final int PUT_THRESHOLD = 6554;

  String[] keys;
  String[] values;
  int[] indices;
  Cache<String, String> cache;
  private Providers.Session session;

  protected abstract String provider();

  protected abstract boolean storeByValue();

  protected abstract Factory<? extends ExpiryPolicy> expiryPolicy();

  @Setup(Level.Trial)
  public void setUp() {
    keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "key-" + i;
    }
    values = new String[VALUE_VARIANTS];
    int x = 0x9E3779B9;
    for (int v = 0; v < VALUE_VARIANTS; v++) {
      StringBuilder sb = new StringBuilder(VALUE_LENGTH);
      while (sb.length() < VALUE_LENGTH) {
        x = Rng.step(x);
        sb.append((char) ('a' + Integer.remainderUnsigned(x, 26)));
      }
      values[v] = sb.toString();
    }
    indices = new int[INDEX_SIZE];
    int y = 0x2545F491;
    for (int i = 0; i < INDEX_SIZE; i++) {
      y = Rng.step(y);
      indices[i] = Integer.remainderUnsigned(y, KEYS);
    }

    MutableConfiguration<String, String> config = new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setStoreByValue(storeByValue())
        .setStatisticsEnabled(false)
        .setManagementEnabled(false)
        .setExpiryPolicyFactory(expiryPolicy());
    session = Providers.open(provider());
    cache = session.createCache("bench-" + getClass().getSimpleName(), config);
    fill();
    prepared();
  }

  /** The value key {@code i} holds after the fill. */
  final String valueOf(int i) {
    return values[i % VALUE_VARIANTS];
  }

  /**
   * Puts every key with {@link #valueOf(int)}, one {@code put} at a time, then checks every key
   * with {@code get}: catches a provider left at a bound below KEYS (zenoo's default 1000).
   */
  protected void fill() {
    for (int i = 0; i < KEYS; i++) {
      cache.put(keys[i], valueOf(i));
    }
    for (int i = 0; i < KEYS; i++) {
      check(i, cache.get(keys[i]));
    }
  }

  /** Fails the trial when key {@code i} does not hold its value after the fill. */
  final void check(int i, String got) {
    if (!valueOf(i).equals(got)) {
      throw new IllegalStateException(provider() + ": " + keys[i] + " missing or wrong after the fill;"
          + " is its bound at least " + KEYS + "?");
    }
  }

  /** Called at the end of the trial setup, once the cache is filled; nothing by default. */
  protected void prepared() {}

  @TearDown(Level.Trial)
  public void tearDown() {
    if (session != null) {
      session.close();
    }
  }

  /** Per-thread xorshift32 state, seeded differently for every thread. */
  @State(Scope.Thread)
  public static class Rng {
    private static final AtomicInteger SEEDS = new AtomicInteger();
    int x;

    @Setup(Level.Trial)
    public void seed() {
      int s = (SEEDS.incrementAndGet() * 0x9E3779B9) ^ 0x5DEECE66;
      x = s == 0 ? 1 : s;
    }

    static int step(int x) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x;
    }

    int next() {
      return x = step(x);
    }
  }
}
