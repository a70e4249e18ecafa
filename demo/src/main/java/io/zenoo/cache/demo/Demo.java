package io.zenoo.cache.demo;

import io.zenoo.cache.CacheStats;
import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import java.time.Duration;
import java.util.Map;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * The seed API's MemoryCache examples, run end to end through the standard {@code javax.cache} entry point:
 * basic use, TTL (default, override, none) and statistics.
 */
public final class Demo {

  private Demo() {}

  public static void main(String[] args) throws InterruptedException {
    CachingProvider provider = Caching.getCachingProvider();
    System.out.println("Provider found by Caching.getCachingProvider(): " + provider.getClass().getName());
    try (CacheManager manager = provider.getCacheManager()) {
      System.out.println("Cache manager URI: " + manager.getURI());
      basicUse(manager);
      timeToLive(manager);
    }
    System.out.println();
    System.out.println("Done.");
  }

  /** MemoryCache(max_size=1000, default_ttl=300): set, get, exists, delete, clear, disconnect. */
  private static void basicUse(CacheManager manager) {
    section("Basic memory cache (max_size=1000, default_ttl=300 s)");
    ZenooCache<String, Object> cache =
        manager
            .createCache(
                "basic",
                MemoryCacheConfiguration.builder(String.class, Object.class)
                    .maxSize(1000)
                    .defaultTtl(Duration.ofSeconds(300))
                    .statisticsEnabled(true)
                    .build())
            .unwrap(ZenooCache.class);
    cache.connect(); // a no-op for memory, as in the seed
    cache.put("user:123", Map.of("name", "John", "email", "john@example.com"));
    cache.put("session:abc", Map.of("token", "s3cr3t-session"), Duration.ofMinutes(30));
    say("put user:123 and session:abc (session with a 30 minute TTL)");
    say("get user:123     -> " + cache.get("user:123"));
    say("get session:abc  -> " + cache.get("session:abc"));
    say("exists user:123  -> " + cache.containsKey("user:123"));
    say("delete user:123  -> " + cache.remove("user:123"));
    say("exists user:123  -> " + cache.containsKey("user:123"));
    say("get missing:1    -> " + cache.get("missing:1"));
    printStats(cache.stats());
    cache.clear();
    say("clear            -> current_size " + cache.stats().currentSize());
    cache.close();
    say("disconnect (close) -> closed: " + cache.isClosed());
  }

  /** MemoryCache(max_size=500, default_ttl=600) with a per-entry override and a never-expiring entry. */
  private static void timeToLive(CacheManager manager) throws InterruptedException {
    section("TTL (max_size=500, default_ttl=600 s; override and none)");
    ZenooCache<String, String> cache =
        manager
            .createCache(
                "ttl",
                MemoryCacheConfiguration.builder(String.class, String.class)
                    .maxSize(500)
                    .defaultTtl(Duration.ofSeconds(600))
                    .cleanupInterval(Duration.ofMillis(500))
                    .statisticsEnabled(true)
                    .build())
            .unwrap(ZenooCache.class);
    cache.put("config", "app-config-v1"); // default TTL: 600 s
    cache.put("temp_token", "tok-42", Duration.ofSeconds(1)); // override (the seed uses 60 s; 1 s here)
    cache.put("permanent", "forever", null); // null TTL: never expires
    say("put config (default TTL), temp_token (1 s), permanent (no TTL)");
    say("get temp_token   -> " + cache.get("temp_token"));
    say("waiting 1.5 s for temp_token to expire...");
    Thread.sleep(1500);
    say("get temp_token   -> " + cache.get("temp_token") + "   (expired)");
    say("get config       -> " + cache.get("config") + "   (still there)");
    say("get permanent    -> " + cache.get("permanent"));
    printStats(cache.stats());
    cache.close();
  }

  private static void printStats(CacheStats stats) {
    Map<String, Object> s = stats.asMap();
    say("statistics:");
    say(String.format("  Backend: %s", s.get("backend")));
    say(String.format("  Max size: %s", s.get("max_size")));
    say(String.format("  Current size: %s", s.get("current_size")));
    say(String.format("  Hit rate: %.2f%%", stats.hitRate() * 100));
    say(String.format("  Memory usage: %s bytes", s.get("memory_usage")));
    say(String.format("  Expired items: %s", s.get("expired_items")));
  }

  private static void section(String title) {
    System.out.println();
    System.out.println("== " + title);
  }

  private static void say(String line) {
    System.out.println("  " + line);
  }
}
