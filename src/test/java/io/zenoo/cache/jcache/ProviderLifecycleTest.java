package io.zenoo.cache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.testkit.RedisExtension;
import io.zenoo.cache.testkit.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a provider starts ends with it: after many open/use/close cycles of Redis and memory managers and
 * the provider's close, no thread of ours, Lettuce's or Netty's that the cycles started is left, none of
 * them ever held the application's context class loader, and the provider still works afterwards.
 */
@ExtendWith(RedisExtension.class)
class ProviderLifecycleTest {

  /** Threads of zenoo-cache, Lettuce and Netty, by their names (ours carry the provider's name). */
  private static final Pattern CLIENT_THREADS = Pattern.compile(
      "(?i).*(zenoo|lettuce|eventloop|eventexecutor|netty|objectcleaner|timer).*");

  /** How long the provider's threads may take to end after its close (Lettuce stops them asynchronously). */
  private static final Duration THREADS_END_WITHIN = Duration.ofSeconds(20);

  private static Set<Thread> clientThreads() {
    Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && CLIENT_THREADS.matcher(thread.getName()).matches()) {
        threads.add(thread);
      }
    }
    return threads;
  }

  /**
   * Returns the threads of the provider alive now. Its Lettuce and Netty threads carry its name too; those
   * of other providers (another test class's manager left open, reconnecting) are not its business.
   */
  private static List<String> threadsOf(ZenooCachingProvider provider) {
    List<String> names = new ArrayList<>();
    for (Thread thread : clientThreads()) {
      if (thread.getName().startsWith(provider.threadNamePrefix())) {
        names.add(thread.getName());
      }
    }
    return names;
  }

  private static void use(CacheManager manager, String name) {
    Cache<String, String> cache = manager.createCache(
        name, new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    cache.put("k", "v");
    assertThat(cache.get("k")).isEqualTo("v");
  }

  @Test
  void thirtyCycles_thenProviderClose_leaveNoThread_andHoldNoApplicationClassLoader(RedisServer server) {
    Set<Thread> before = clientThreads();
    ClassLoader application = new ClassLoader(getClass().getClassLoader()) {};
    ClassLoader original = Thread.currentThread().getContextClassLoader();
    ZenooCachingProvider provider = new ZenooCachingProvider();
    List<String> pinning = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    Thread.currentThread().setContextClassLoader(application);
    try {
      for (int cycle = 0; cycle < 30; cycle++) {
        CacheManager redis = provider.getCacheManager(
            URI.create(server.uri() + "?health_check_interval=0.05"), application);
        CacheManager memory = provider.getCacheManager(URI.create("zenoo:memory"), application);
        use(redis, "redis-" + cycle);
        use(memory, "memory-" + cycle);
        for (Thread thread : clientThreads()) {
          if (!before.contains(thread) && thread.getContextClassLoader() == application) {
            pinning.add(thread.getName());
          }
        }
        seen.addAll(threadsOf(provider));
        redis.close();
        memory.close();
      }
    } finally {
      Thread.currentThread().setContextClassLoader(original);
    }
    provider.close();

    assertThat(seen).as("the provider's threads carry its name (Lettuce's and Netty's too)")
        .anyMatch(name -> name.contains("lettuce"))
        .anyMatch(name -> name.contains("sweeper"));
    Awaitility.await("no thread left by the provider").atMost(THREADS_END_WITHIN)
        .untilAsserted(() -> assertThat(threadsOf(provider)).isEmpty());
    assertThat(pinning).as("threads holding the application's class loader").isEmpty();

    // closed is not dead: the provider starts again for a new manager, and stops again with it
    CacheManager fresh = provider.getCacheManager(server.uri(), application);
    use(fresh, "after-close");
    provider.close();
    Awaitility.await("no thread left after the second close").atMost(THREADS_END_WITHIN)
        .untilAsserted(() -> assertThat(threadsOf(provider)).isEmpty());
  }
}
