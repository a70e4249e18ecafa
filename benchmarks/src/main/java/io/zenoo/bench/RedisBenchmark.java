package io.zenoo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.configuration.Factory;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Redis benchmarks ({@link RedisSync}, {@link RedisAsync}) share: a redis-server of their
 * own per trial (started by the provider's session, see {@link Providers}), eternal entries, store
 * by value (the only mode a remote cache has), and a fill in batches of {@link #BATCH}
 * ({@code putAll} from {@link #FILL_THREADS} threads, checked with {@code getAll} and every 100th
 * key with {@code get}), so that a trial spends its time measuring rather than filling 10,000 keys
 * one round trip at a time.
 *
 * <p>The defaults here (1 fork, 2 warmup and 3 measurement iterations of 1 s) are the ones of the
 * full run; run.sh overrides them only when FORKS, ITERATIONS, ... are set (see README.md).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class RedisBenchmark extends CacheFixture {

  /** Entries per putAll / getAll of the fill. */
  static final int BATCH = 500;
  /** Threads the fill's batches are issued from. */
  static final int FILL_THREADS = 8;

  @Override
  protected boolean storeByValue() {
    return true;
  }

  @Override
  protected Factory<? extends ExpiryPolicy> expiryPolicy() {
    return EternalExpiryPolicy.factoryOf();
  }

  @Override
  protected void fill() {
    // the batches are independent: issued from FILL_THREADS threads, so that a provider whose
    // putAll / getAll take a round trip per entry still fills in about a second
    ExecutorService pool = Executors.newFixedThreadPool(FILL_THREADS);
    try {
      List<Future<?>> puts = new ArrayList<>();
      for (int from = 0; from < KEYS; from += BATCH) {
        int start = from;
        puts.add(pool.submit(() -> cache.putAll(batchOf(start))));
      }
      await(puts);
      List<Future<?>> checks = new ArrayList<>();
      for (int from = 0; from < KEYS; from += BATCH) {
        int start = from;
        checks.add(pool.submit(() -> {
          Map<String, String> got = cache.getAll(batchOf(start).keySet());
          for (int i = start; i < Math.min(KEYS, start + BATCH); i++) {
            check(i, got.get(keys[i]));
          }
        }));
      }
      await(checks);
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < KEYS; i += 100) {
      check(i, cache.get(keys[i]));
    }
  }

  private Map<String, String> batchOf(int from) {
    Map<String, String> batch = new LinkedHashMap<>();
    for (int i = from; i < Math.min(KEYS, from + BATCH); i++) {
      batch.put(keys[i], valueOf(i));
    }
    return batch;
  }

  private static void await(List<Future<?>> futures) {
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("fill failed", cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("fill interrupted", e);
      }
    }
  }
}
