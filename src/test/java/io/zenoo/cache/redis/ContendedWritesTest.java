package io.zenoo.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zenoo.cache.CacheAccessException;
import io.zenoo.cache.CacheUnavailableException;
import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.integration.CacheWriter;
import javax.cache.processor.EntryProcessorException;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes of one key that compete: with another writer of this JVM that holds the key (local contention,
 * which must not count against the server's circuit), and with other clients that change the key under a
 * compare-and-set again and again (which must back off and give up at the documented deadline).
 */
@ExtendWith(RedisExtension.class)
class ContendedWritesTest {

  /** T = 0.5 s; 2 attempts; 3 failures open the circuit. */
  private static final String FAST =
      "socket_timeout=0.5&socket_connect_timeout=0.5&retry_attempts=2&retry_backoff_base=0.02"
          + "&retry_backoff_max=0.2&circuit_breaker_threshold=3&circuit_breaker_timeout=5"
          + "&health_check_interval=0.2";

  /**
   * The documented deadline of a write that reads first: retry_attempts × 4 × socket_timeout plus the
   * back-off between attempts (here 2 × 4 × 0.5 s + 0.02 s); user code here takes no time worth counting.
   */
  private static final Duration DEADLINE = Duration.ofMillis(2 * 4 * 500 + 20);

  private final CachingProvider provider = Caching.getCachingProvider();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private RedisServer server;

  @BeforeEach
  void setUp(RedisServer server) {
    this.server = server;
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private CacheManager manager() {
    CacheManager manager = provider.getCacheManager(
        URI.create(server.uri() + "?" + FAST), new ClassLoader(getClass().getClassLoader()) {});
    resources.add(manager::close);
    return manager;
  }

  @SuppressWarnings("unchecked")
  private static ZenooCache<String, String> cache(CacheManager manager, MutableConfiguration<String, String> config,
      String name) {
    return manager.createCache(name, config.setTypes(String.class, String.class)).unwrap(ZenooCache.class);
  }

  private static Object stat(ZenooCache<String, String> cache, String name) {
    return cache.stats().asMap().get(name);
  }

  /**
   * A CacheWriter blocks inside a put of one key; five other puts of that key in this JVM give up waiting
   * for it (more than the circuit's threshold of 3). They fail with a CacheException that says they waited
   * for a local writer, the circuit stays closed, nothing goes to the fallback, and another cache on the
   * same server keeps writing to Redis.
   */
  @Test
  void writerBlocksOnAKey_otherWritersOfItGiveUp_circuitStaysClosed_otherCachesUseRedis() throws Exception {
    BlockingWriter writer = new BlockingWriter();
    CacheManager manager = manager();
    ZenooCache<String, String> slow = cache(manager, new MutableConfiguration<String, String>()
        .setWriteThrough(true).setCacheWriterFactory(FactoryBuilder.factoryOf(writer)), "slow");
    ZenooCache<String, String> busy = cache(manager, new MutableConfiguration<>(), "busy");
    CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> slow.put("key", "first"));
    resources.add(() -> {
      writer.release.countDown();
      holder.get(30, TimeUnit.SECONDS);
    });
    assertThat(writer.entered.await(30, TimeUnit.SECONDS)).as("the writer holds the key").isTrue();

    for (int i = 0; i < 5; i++) {
      String value = "second" + i;
      assertThatThrownBy(() -> slow.put("key", value))
          .isInstanceOf(CacheException.class)
          .isNotInstanceOf(CacheUnavailableException.class)
          .hasMessageContaining("waiting for another writer of the same key in this JVM")
          .hasMessageContaining("not a failure of");
    }

    assertThat(stat(slow, "circuit_state")).isEqualTo("closed");
    assertThat(stat(slow, "fallback_hits")).isEqualTo(0L);
    busy.put("other", "value");
    assertThat(server.command("EXISTS", "zenoo:busy:other")).as("written to Redis").isEqualTo(1L);
    assertThat(stat(busy, "circuit_state")).isEqualTo("closed");
    assertThat(stat(busy, "degraded")).isEqualTo(false);

    writer.release.countDown();
    holder.get(30, TimeUnit.SECONDS);
    assertThat(slow.get("key")).isEqualTo("first");
    assertThat(writer.writes).hasValue(1);
  }

  /**
   * The counterpart: the holder of the key waits on a frozen server (its writer froze it with SIGSTOP, then
   * returned, so its compare-and-set hangs), and another put of the key gives up waiting for it. That is the
   * server's slowness, not local contention: the waiting put is served by the fallback like any timed-out
   * write, and no caller sees an error.
   */
  @Test
  void holderWaitsOnAFrozenServer_anotherWriterOfTheKeyGivesUp_fallbackServesIt() throws Exception {
    RedisServer frozen = RedisServer.start();
    resources.add(frozen);
    CacheManager manager = provider.getCacheManager(
        URI.create(frozen.uri() + "?" + FAST.replace("socket_timeout=0.5", "socket_timeout=1")),
        new ClassLoader(getClass().getClassLoader()) {});
    resources.add(manager::close);
    resources.add(() -> {
      if (frozen.isPaused()) {
        frozen.resume();
      }
    });
    Thread[] waiter = new Thread[1];
    FreezingWriter writer = new FreezingWriter(frozen, waiter);
    ZenooCache<String, String> cache = cache(manager, new MutableConfiguration<String, String>()
        .setWriteThrough(true).setCacheWriterFactory(FactoryBuilder.factoryOf(writer)), "frozen");
    CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> cache.put("key", "first"));
    assertThat(writer.entered.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> second = new CompletableFuture<>();
    waiter[0] = new Thread(() -> {
      try {
        cache.put("key", "second");
        second.complete(null);
      } catch (RuntimeException e) {
        second.completeExceptionally(e);
      }
    });
    waiter[0].start();

    second.get(30, TimeUnit.SECONDS); // no exception: served by the fallback
    holder.get(30, TimeUnit.SECONDS);
    assertThat((Long) stat(cache, "fallback_hits")).isPositive();
  }

  /**
   * A writer whose first call freezes the server, then returns once the waiting thread is parked on the
   * key's lock, so that the holder's compare-and-set hangs while the waiter waits.
   */
  static final class FreezingWriter implements CacheWriter<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final transient RedisServer server;
    private final transient Thread[] waiter;
    final transient CountDownLatch entered = new CountDownLatch(1);

    FreezingWriter(RedisServer server, Thread[] waiter) {
      this.server = server;
      this.waiter = waiter;
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      if (entered.getCount() == 0) {
        return;
      }
      server.pause();
      entered.countDown();
      await().atMost(Duration.ofSeconds(30)).until(
          () -> waiter[0] != null && waiter[0].getState() == Thread.State.TIMED_WAITING);
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {}

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(Collection<?> keys) {}
  }

  /**
   * Another client rewrites the key during every round of an entry processor (so every compare-and-set is
   * lost). The call backs off between rounds, gives up with a CacheException naming the conflicts (not an
   * EntryProcessorException: the processor did nothing wrong) within twice the documented deadline, and
   * the circuit stays closed (a contended key is not a sick server).
   */
  @Test
  void keyChangedByAnotherClientInEveryRound_invokeBacksOffAndGivesUpWithinTheDeadline() {
    ZenooCache<String, String> cache = cache(manager(), new MutableConfiguration<>(), "contended");
    ZenooCache<String, String> other = cache(manager(), new MutableConfiguration<>(), "contended");
    other.put("k", "0");
    AtomicInteger rounds = new AtomicInteger();

    long start = System.nanoTime();
    assertThatThrownBy(() -> cache.invoke("k", (entry, args) -> {
      other.put("k", "x" + rounds.incrementAndGet()); // another client's write: this round's CAS is lost
      entry.setValue("v");
      return null;
    }))
        .isInstanceOf(CacheAccessException.class)
        .isNotInstanceOf(EntryProcessorException.class)
        .hasMessageContaining("conflicting writes");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).as("within 2x the documented deadline %s", DEADLINE).isLessThan(DEADLINE.multipliedBy(2));
    assertThat(rounds.get()).as("rounds: more than one, and few thanks to the back-off").isBetween(2, 500);
    assertThat(stat(cache, "circuit_state")).isEqualTo("closed");
    assertThat(other.get("k")).isEqualTo("x" + rounds.get());
  }

  /**
   * The asynchronous form (a put whose expiry depends on whether the entry exists reads first) against a
   * key another client rewrites without pause: it completes, or fails with the conflict message, within
   * twice the documented deadline; it never hangs.
   */
  @Test
  void putAsync_underConstantRewrites_completesWithinTheDeadline() throws Exception {
    ZenooCache<String, String> cache = cache(manager(), new MutableConfiguration<String, String>()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_HOUR)), "async");
    ZenooCache<String, String> other = cache(manager(), new MutableConfiguration<>(), "async");
    CompletableFuture<Void> hammer = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 2_000; i++) {
        other.put("k", "x" + i);
      }
    });
    resources.add(() -> hammer.get(60, TimeUnit.SECONDS));
    await().until(() -> other.get("k") != null);
    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      CompletableFuture<Void> put = cache.putAsync("k", "v" + i).toCompletableFuture();
      try {
        put.get(DEADLINE.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).hasMessageContaining("conflicting writes");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.multipliedBy(2));
    }
  }

  /** A writer that blocks in its first write until released. */
  static final class BlockingWriter implements CacheWriter<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    final transient CountDownLatch entered = new CountDownLatch(1);
    final transient CountDownLatch release = new CountDownLatch(1);
    final transient AtomicInteger writes = new AtomicInteger();

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      writes.incrementAndGet();
      entered.countDown();
      try {
        if (!release.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(Collection<?> keys) {}
  }
}
