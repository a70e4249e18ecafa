package io.zenoo.cache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Caches run their asynchronous work (asynchronous listeners here) on an executor their manager owns:
 * bounded ({@code executor_threads}), named, closed with the manager; or on one the application supplies
 * (the {@code executor} object in the manager's Properties), which the manager leaves running.
 */
class ManagerExecutorTest {

  /** Where the listener ran: thread names, shared by the listener instances the factory creates. */
  static final Set<Thread> THREADS = ConcurrentHashMap.newKeySet();
  static final AtomicInteger EVENTS = new AtomicInteger();

  private final ZenooCachingProvider provider = new ZenooCachingProvider();

  @AfterEach
  void tearDown() {
    provider.close();
    THREADS.clear();
    EVENTS.set(0);
  }

  /** Records the thread each created event is delivered on. */
  public static final class Recording implements CacheEntryCreatedListener<String, String> {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      THREADS.add(Thread.currentThread());
      events.forEach(e -> EVENTS.incrementAndGet());
    }
  }

  private static Cache<String, String> cacheWithAsyncListener(CacheManager manager) {
    MutableConfiguration<String, String> configuration =
        new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    configuration.addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(Recording.class), null, /* isOldValueRequired= */ false,
        /* isSynchronous= */ false));
    return manager.createCache("async", configuration);
  }

  @Test
  void asyncListeners_runOnTheManagersBoundedNamedExecutor_stoppedWithTheManager() {
    Properties properties = new Properties();
    properties.setProperty("executor_threads", "2");
    CacheManager manager =
        provider.getCacheManager(URI.create("zenoo:memory"), getClass().getClassLoader(), properties);
    Cache<String, String> cache = cacheWithAsyncListener(manager);
    for (int i = 0; i < 200; i++) {
      cache.put("k" + i, "v");
    }
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> EVENTS.get() == 200);

    assertThat(THREADS).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(THREADS).allSatisfy(thread -> {
      assertThat(thread.getName()).startsWith(provider.threadNamePrefix()).contains("executor");
      assertThat(thread.isDaemon()).isTrue();
    });
    manager.close();
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> THREADS.stream().noneMatch(Thread::isAlive));
  }

  @Test
  void anExecutorGivenInTheProperties_runsTheWork_andOutlivesTheManager() {
    ExecutorService mine = Executors.newSingleThreadExecutor(task -> new Thread(task, "application-executor"));
    try {
      Properties properties = new Properties();
      properties.put("executor", mine);
      CacheManager manager =
          provider.getCacheManager(URI.create("zenoo:memory"), getClass().getClassLoader(), properties);
      Cache<String, String> cache = cacheWithAsyncListener(manager);
      cache.put("k", "v");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> EVENTS.get() == 1);
      assertThat(THREADS).extracting(Thread::getName).containsExactly("application-executor");
      manager.close();
      assertThat(mine.isShutdown()).isFalse();
    } finally {
      mine.shutdownNow();
    }
  }
}
