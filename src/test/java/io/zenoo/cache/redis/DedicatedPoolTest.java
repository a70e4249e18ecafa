package io.zenoo.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.zenoo.cache.internal.Resources;
import io.zenoo.cache.store.StoreAccessException;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transactions' dedicated connections come from a pool bounded by {@code max_connections}: concurrency
 * is bounded (counted by the server, {@code CLIENT LIST}), a borrower waits up to the socket timeout and
 * then fails clearly, connections are reused, and one that saw an error is not lent again.
 */
@ExtendWith(RedisExtension.class)
class DedicatedPoolTest {

  private final Resources resources = Resources.create("zenoo-test-pool");

  @AfterEach
  void tearDown() {
    resources.close();
  }

  private SharedClients.Lease lease(RedisServer server, int maxConnections, Duration socketTimeout) {
    return SharedClients.in(resources).acquire(new SharedClients.Settings(
        server.uri().toString(), socketTimeout, Duration.ofSeconds(2), null, null,
        Duration.ofMillis(50), Duration.ofSeconds(1), SharedClients.DEFAULT_REQUEST_QUEUE_SIZE, maxConnections));
  }

  private static long clientConnections(RedisServer server) {
    String list = String.valueOf(server.command("CLIENT", "LIST"));
    // the kit's own command connection shows as running CLIENT LIST: count the others
    return list.lines().filter(line -> !line.isBlank() && !line.contains("cmd=client")).count();
  }

  @SuppressWarnings("unchecked")
  private static void transaction(StatefulConnection<byte[], byte[]> connection, String key) {
    var redis = ((StatefulRedisConnection<byte[], byte[]>) connection).sync();
    redis.multi();
    redis.set(key.getBytes(), "v".getBytes());
    redis.exec();
  }

  @Test
  void twentyConcurrentTransactions_useAtMostMaxConnections(RedisServer server) throws Exception {
    SharedClients.Lease lease = lease(server, 3, Duration.ofSeconds(10));
    lease.connect();
    long shared = clientConnections(server);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger inUse = new AtomicInteger();
    AtomicInteger peakInUse = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 20; t++) {
        String key = "k" + t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 10; i++) {
            try (DedicatedPool.Borrowed borrowed = lease.borrowDedicated()) {
              peakInUse.accumulateAndGet(inUse.incrementAndGet(), Math::max);
              transaction(borrowed.connection(), key);
              inUse.decrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      long peak = 0;
      for (Future<?> f : done) {
        peak = Math.max(peak, clientConnections(server));
        f.get();
      }
      assertThat(peakInUse.get()).isBetween(1, 3);
      assertThat(peak - shared).as("dedicated connections seen by the server").isBetween(0L, 3L);
      assertThat(clientConnections(server) - shared).as("open after the burst, kept for reuse").isBetween(1L, 3L);
    } finally {
      pool.shutdownNow();
      lease.close();
    }
  }

  @Test
  void allInUse_theNextBorrowerWaitsTheSocketTimeout_thenFailsClearly(RedisServer server) throws Exception {
    SharedClients.Lease lease = lease(server, 1, Duration.ofSeconds(1));
    DedicatedPool.Borrowed held = lease.borrowDedicated();
    try {
      long began = System.nanoTime();
      assertThatThrownBy(lease::borrowDedicated)
          .isInstanceOf(StoreAccessException.class)
          .hasMessageContaining("max_connections")
          .hasMessageContaining("all 1")
          .satisfies(e -> assertThat(((StoreAccessException) e).kind()).isEqualTo(StoreAccessException.Kind.ERROR));
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

      // a waiting borrower gets the connection as soon as it is handed back
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        CountDownLatch waiting = new CountDownLatch(1);
        Future<StatefulConnection<byte[], byte[]>> next = other.submit(() -> {
          waiting.countDown();
          try (DedicatedPool.Borrowed borrowed = lease(server, 1, Duration.ofSeconds(10)).borrowDedicated()) {
            return borrowed.connection();
          }
        });
        waiting.await();
        giveBack(held);
        assertThat(next.get()).isNotNull();
      } finally {
        other.shutdownNow();
      }
    } finally {
      giveBack(held);
      lease.close();
    }
  }

  private static void giveBack(DedicatedPool.Borrowed borrowed) {
    try (borrowed) {
      // closing hands it back; a second close does nothing
    }
  }

  @Test
  void handedBack_isReused_butNotAfterAnError(RedisServer server) throws Exception {
    SharedClients.Lease lease = lease(server, 2, Duration.ofSeconds(2));
    StatefulConnection<byte[], byte[]> first;
    try (DedicatedPool.Borrowed borrowed = lease.borrowDedicated()) {
      first = borrowed.connection();
      transaction(first, "a");
    }
    long open = clientConnections(server);
    try (DedicatedPool.Borrowed borrowed = lease.borrowDedicated()) {
      assertThat(borrowed.connection()).isSameAs(first);
      borrowed.discard(); // as after a failed MULTI ... EXEC
    }
    assertThat(first.isOpen()).isFalse();
    try (DedicatedPool.Borrowed borrowed = lease.borrowDedicated()) {
      assertThat(borrowed.connection()).isNotSameAs(first);
      transaction(borrowed.connection(), "b");
    }
    assertThat(clientConnections(server)).isEqualTo(open);
    lease.close();
  }
}
