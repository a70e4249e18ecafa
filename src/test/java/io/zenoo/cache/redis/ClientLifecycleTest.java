package io.zenoo.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.internal.Resources;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import io.zenoo.cache.jcache.ZenooCachingProvider;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis clients' lifecycle and first connection, against real servers. */
@ExtendWith(RedisExtension.class)
class ClientLifecycleTest {

  private static SharedClients.Settings settings(URI uri) {
    return new SharedClients.Settings(
        uri.toString(), Duration.ofSeconds(2), Duration.ofSeconds(2), null, null,
        Duration.ofMillis(50), Duration.ofSeconds(1));
  }

  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
        .count();
  }

  /**
   * A health check or retry that runs after its cache let go of the client (the last one) fails cleanly
   * and connects nothing: the client is not built again.
   */
  @Test
  void closedClient_latePing_failsAndStartsNothing(RedisServer server) throws Exception {
    Resources resources = Resources.create("zenoo-test-late");
    SharedClients clients = SharedClients.in(resources);
    SharedClients.Lease lease = clients.acquire(settings(server.uri()));
    lease.ping();
    assertThat(threadsNamed(resources.threadNamePrefix())).isPositive();
    lease.close();

    assertThatThrownBy(lease::ping).isInstanceOf(StoreAccessException.class).hasMessageContaining("closed");
    assertThatThrownBy(lease::openDedicated).isInstanceOf(StoreAccessException.class);
    assertThat(clients.openClients()).isZero();
    resources.close();
    assertThatThrownBy(() -> clients.acquire(settings(server.uri()))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> resources.scheduler("retry")).isInstanceOf(IllegalStateException.class);
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> threadsNamed(resources.threadNamePrefix()) == 0);
  }

  /**
   * Commands beyond the request queue's bound (here 8) fail at once, not sent, with an error that says
   * so, while the server does not answer; the queued ones complete when it does.
   */
  @Test
  void requestQueueFull_failsAtOnceWithAClearError(RedisServer server) throws Exception {
    Resources resources = Resources.create("zenoo-test-queue");
    try (SharedClients.Lease lease = SharedClients.in(resources).acquire(new SharedClients.Settings(
        server.uri().toString(), Duration.ofSeconds(10), Duration.ofSeconds(2), null, null,
        Duration.ofMillis(50), Duration.ofSeconds(1), 8, 20))) {
      lease.connect();
      server.pause();
      List<java.util.concurrent.CompletableFuture<byte[]>> gets = new ArrayList<>();
      List<java.util.concurrent.CompletableFuture<byte[]>> sent = new ArrayList<>();
      List<Throwable> refused = new ArrayList<>();
      try {
        for (int i = 0; i < 20; i++) {
          gets.add(lease.async().get(("k" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .toCompletableFuture());
        }
        // refused ones fail at once (when written, or when they reach the connection); the others wait
        Awaitility.await().atMost(Duration.ofSeconds(5))
            .until(() -> gets.stream().filter(java.util.concurrent.CompletableFuture::isDone).count() >= 12);
        for (java.util.concurrent.CompletableFuture<byte[]> get : gets) {
          if (get.isDone()) {
            refused.add(get.handle((v, e) -> e).join());
          } else {
            sent.add(get);
          }
        }
      } finally {
        server.resume();
      }
      assertThat(sent).hasSizeLessThanOrEqualTo(8);
      assertThat(refused).hasSizeGreaterThanOrEqualTo(12);
      Throwable first = refused.get(0);
      assertThat(RedisFailures.kind(first)).isEqualTo(StoreAccessException.Kind.ERROR);
      assertThat(RedisFailures.describe(first)).contains("request queue is full");
      for (java.util.concurrent.CompletableFuture<byte[]> get : sent) {
        assertThat(get.get(10, java.util.concurrent.TimeUnit.SECONDS)).isNull();
      }
    } finally {
      resources.close();
    }
  }

  /**
   * N callers whose first call finds the server unresponsive (stopped with SIGSTOP: TCP connects, nothing
   * answers) share one connection attempt: all fail within one attempt's bound (socket_connect_timeout for
   * the TCP connect plus socket_timeout for the handshake, 2 s here), not one bound after the other. The
   * deadline asserted is twice that bound.
   */
  @Test
  void concurrentFirstCalls_toUnresponsiveServer_shareOneConnectAttempt(RedisServer server) throws Exception {
    int callers = 6;
    Duration bound = Duration.ofSeconds(2);
    CachingProvider provider = new ZenooCachingProvider();
    CacheManager manager = provider.getCacheManager(
        URI.create(server.uri() + "?socket_timeout=1&socket_connect_timeout=1&retry_attempts=1"
            + "&circuit_breaker_threshold=0&enable_fallback=false"),
        getClass().getClassLoader());
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      server.pause(); // before the cache exists: its creation's attempt to publish it fails too
      Cache<String, String> cache = manager.createCache(
          "first", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Throwable>> outcomes = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String key = "k" + i;
        outcomes.add(pool.submit(() -> {
          start.await();
          try {
            cache.get(key);
            return null;
          } catch (RuntimeException e) {
            return e;
          }
        }));
      }
      long began = System.nanoTime();
      start.countDown();
      for (Future<Throwable> outcome : outcomes) {
        assertThat(outcome.get()).isInstanceOf(CacheException.class);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      assertThat(took).as("all %d callers failed within 2 x %s", callers, bound).isLessThan(bound.multipliedBy(2));
    } finally {
      server.resume();
      pool.shutdownNow();
      provider.close();
    }
  }
}
