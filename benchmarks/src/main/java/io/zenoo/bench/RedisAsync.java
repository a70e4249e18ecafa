package io.zenoo.bench;

import java.util.concurrent.CompletableFuture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * getHit and put through each provider's asynchronous API with {@link #IN_FLIGHT} operations in
 * flight: every invocation issues {@value #IN_FLIGHT} operations, then waits for all of them, and
 * counts as {@value #IN_FLIGHT} operations ({@code @OperationsPerInvocation}), so the score is
 * completed operations per second. The APIs, reached with {@code Cache.unwrap} ({@link AsyncView}):
 * {@code zenoo-redis} {@code ZenooCache.getAsync/putAsync}, {@code redisson} {@code
 * CacheAsync.getAsync/putAsync}, {@code lettuce-async} raw {@code RedisAsyncCommands} GET/SET on
 * one connection (the ceiling). One thread.
 */
@Threads(1)
public class RedisAsync extends RedisBenchmark {

  /** Operations issued before waiting. */
  public static final int IN_FLIGHT = 64;

  @Param({"zenoo-redis", "redisson", "lettuce-async"})
  public String provider;

  AsyncView async;

  @Override
  protected String provider() {
    return provider;
  }

  @Override
  protected void prepared() {
    async = AsyncView.of(cache);
  }

  /** {@value #IN_FLIGHT} gets of present keys, then waits for all. */
  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public void getHit(Rng rng, Blackhole blackhole) {
    CompletableFuture<?>[] pending = new CompletableFuture<?>[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      pending[i] = async.get(keys[indices[rng.next() & INDEX_MASK]]);
    }
    for (CompletableFuture<?> f : pending) {
      blackhole.consume(f.join());
    }
  }

  /** {@value #IN_FLIGHT} puts over present keys, then waits for all. */
  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public void put(Rng rng, Blackhole blackhole) {
    CompletableFuture<?>[] pending = new CompletableFuture<?>[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      int r = rng.next();
      pending[i] = async.put(keys[indices[r & INDEX_MASK]], values[(r >>> 16) & (VALUE_VARIANTS - 1)]);
    }
    for (CompletableFuture<?> f : pending) {
      blackhole.consume(f.join());
    }
  }
}
