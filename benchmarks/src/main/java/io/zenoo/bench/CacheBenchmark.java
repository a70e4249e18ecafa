package io.zenoo.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every cache benchmark shares: one cache per trial, created through {@link Providers} from a
 * plain {@link MutableConfiguration}{@code <String, String>} and filled with {@link #KEYS} entries
 * ({@code "key-" + i}, 100-char values); keys are drawn from a precomputed random index array by a
 * per-thread xorshift, so the measured loop is one xorshift step, two array loads and the cache
 * call. Subclasses declare the {@code provider} and {@code storeByValue} parameters, the expiry
 * policy and the thread count.
 *
 * <p>The defaults here (2 forks, 2 warmup and 3 measurement iterations of 1 s) size the full run
 * for about a quarter of an hour on 2 cores; run.sh passes its own values (see README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class CacheBenchmark {

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
    for (int i = 0; i < KEYS; i++) {
      cache.put(keys[i], values[i % VALUE_VARIANTS]);
    }
    // every key must be there: catches a provider left at a bound below KEYS (zenoo's default 1000)
    for (int i = 0; i < KEYS; i++) {
      String got = cache.get(keys[i]);
      if (!values[i % VALUE_VARIANTS].equals(got)) {
        throw new IllegalStateException(provider() + ": " + keys[i] + " missing or wrong after the fill;"
            + " is its bound at least " + KEYS + "?");
      }
    }
  }

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

  /** A get of a present key. */
  @Benchmark
  public String getHit(Rng rng) {
    return cache.get(keys[indices[rng.next() & INDEX_MASK]]);
  }

  /** 90 % get, 10 % put of a present key. */
  @Benchmark
  public String mix(Rng rng) {
    int r = rng.next();
    String key = keys[indices[r & INDEX_MASK]];
    if ((r >>> 16) < PUT_THRESHOLD) {
      cache.put(key, values[(r >>> 16) & (VALUE_VARIANTS - 1)]);
      return key;
    }
    return cache.get(key);
  }
}
