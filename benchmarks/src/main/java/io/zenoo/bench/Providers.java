package io.zenoo.bench;

import io.zenoo.cache.testkit.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * The one table of providers the benchmarks know, keyed by the short name used in
 * {@code @Param("provider")}. Adding a provider is one line in {@link #TABLE} (plus its jar in
 * pom.xml and its name in the {@code @Param} lists).
 *
 * <p>Every JCache provider is asked for by class name, {@link Caching#getCachingProvider(String)},
 * since several are on the class path. Each may get its own cache manager URI and Properties;
 * that is where the common bound of {@link #MAX_ENTRIES} is set for providers that need one, so
 * the benchmark itself only ever builds a plain {@link MutableConfiguration}.
 *
 * <p>A Redis provider's line wraps it in {@link #redis(IntFunction)}: its session first starts a
 * redis-server of its own, then opens the provider on that server's port; the benchmark's trial
 * setup opens the session and its tear-down closes it, so every trial has a fresh server.
 */
public final class Providers {

  /** Entry bound given to every provider (all benchmarks fill {@link CacheBenchmark#KEYS}). */
  public static final int MAX_ENTRIES = 20_000;

  private static final Map<String, Provider> TABLE = new LinkedHashMap<>();

  static {
    // name          provider class                                                    manager URI (null = default)           Properties
    add("zenoo",    jcache("io.zenoo.cache.jcache.ZenooCachingProvider",                 () -> null,                            "max_size=" + MAX_ENTRIES));
    add("caffeine", jcache("com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider", () -> URI.create("classpath:caffeine-bench.conf")));
    add("ehcache",  jcache("org.ehcache.jsr107.EhcacheCachingProvider",                  () -> resource("/ehcache-bench.xml")));
    add("chm",      MapCache::session); // baseline: a raw ConcurrentHashMap behind a minimal Cache adapter, not JCache
    // Redis: each session starts its own redis-server (the test kit's RedisServer) and stops it when closed
    add("zenoo-redis",   redis(port -> jcache("io.zenoo.cache.jcache.ZenooCachingProvider",      () -> URI.create("redis://127.0.0.1:" + port + "?serializer=json"))));
    // the same without the resilience layer (no retry, no breaker, no fallback: RedisCache talks to Redis directly)
    add("zenoo-redis-bare", redis(port -> jcache("io.zenoo.cache.jcache.ZenooCachingProvider", () -> URI.create("redis://127.0.0.1:" + port
        + "?serializer=json&retry_attempts=1&circuit_breaker_threshold=0&enable_fallback=false"))));
    // RedisCache with its circuit open (no server: connect() opens it for a day), so every call is the fallback's
    add("zenoo-redis-open", Providers::openCircuit);
    add("redisson",      redis(port -> jcache("org.redisson.jcache.JCachingProvider",            () -> redissonConfig(port))));
    add("lettuce-sync",  redis(port -> () -> LettuceCache.session(port))); // baseline: raw Lettuce GET/SET on one connection, not JCache
    add("lettuce-async", redis(port -> () -> LettuceCache.session(port))); // the same, used through RedisAsyncCommands by RedisAsync
  }

  private Providers() {}

  /** Opens something that yields caches. */
  @FunctionalInterface
  public interface Provider {
    Session open();
  }

  /** A cache manager (or its stand-in) that creates caches and is closed after the trial. */
  public interface Session extends AutoCloseable {
    Cache<String, String> createCache(String name, MutableConfiguration<String, String> config);

    @Override
    void close();
  }

  /** Names known to the table, in table order. */
  public static Iterable<String> names() {
    return Collections.unmodifiableSet(TABLE.keySet());
  }

  /** Opens the named provider; fails with a message naming the class when it is not available. */
  public static Session open(String name) {
    Provider provider = TABLE.get(name);
    if (provider == null) {
      throw new IllegalArgumentException("unknown provider '" + name + "', known: " + TABLE.keySet());
    }
    return provider.open();
  }

  private static void add(String name, Provider provider) {
    TABLE.put(name, provider);
  }

  private static Provider jcache(String className, Supplier<URI> uri, String... properties) {
    return () -> {
      CachingProvider cachingProvider;
      ClassLoader loader = Providers.class.getClassLoader();
      try {
        cachingProvider = Caching.getCachingProvider(className, loader);
      } catch (RuntimeException e) {
        throw new IllegalStateException("JCache provider " + className + " is not available"
            + " (is its jar on the class path? for zenoo: mvn -f ../pom.xml install -DskipTests -DskipTck,"
            + " then rebuild the benchmarks)", e);
      }
      Properties props = new Properties();
      for (String kv : properties) {
        int eq = kv.indexOf('=');
        props.setProperty(kv.substring(0, eq), kv.substring(eq + 1));
      }
      URI managerUri = uri.get();
      CacheManager manager = cachingProvider.getCacheManager(
          managerUri == null ? cachingProvider.getDefaultURI() : managerUri, loader, props);
      return new Session() {
        @Override
        public Cache<String, String> createCache(String name, MutableConfiguration<String, String> config) {
          return manager.createCache(name, config);
        }

        @Override
        public void close() {
          for (String cacheName : manager.getCacheNames()) {
            manager.destroyCache(cacheName);
          }
          manager.close();
        }
      };
    };
  }

  /**
   * A provider that first starts a redis-server of its own with zenoo-cache's test kit (loopback, a
   * free port, {@code save ""}, {@code appendonly no}, the binary from {@code REDIS_SERVER}, the
   * {@code PATH} or embedded-redis), then opens {@code onPort}'s provider on it; closing the session
   * closes that, then kills the server and deletes its directory. One server per trial.
   */
  private static Provider redis(IntFunction<Provider> onPort) {
    return () -> {
      RedisServer server = RedisServer.start();
      Session inner;
      try {
        inner = onPort.apply(server.port()).open();
      } catch (RuntimeException | Error e) {
        server.close();
        throw e;
      }
      return new Session() {
        @Override
        public Cache<String, String> createCache(String name, MutableConfiguration<String, String> config) {
          return inner.createCache(name, config);
        }

        @Override
        public void close() {
          try {
            inner.close();
          } finally {
            server.close();
          }
        }
      };
    };
  }

  /**
   * A RedisCache whose server is gone: {@code connect()} fails, the cache starts degraded with its circuit
   * open for a day, and every call is served by the in-memory fallback (JSON by value, like the Redis path).
   */
  private static Session openCircuit() {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Session inner = jcache("io.zenoo.cache.jcache.ZenooCachingProvider", () -> URI.create("redis://127.0.0.1:" + closedPort
        + "?serializer=json&socket_connect_timeout=0.5&retry_attempts=1&circuit_breaker_timeout=86400"
        + "&health_check_interval=86400&fallback_max_size=" + MAX_ENTRIES)).open();
    return new Session() {
      @Override
      public Cache<String, String> createCache(String name, MutableConfiguration<String, String> config) {
        Cache<String, String> cache = inner.createCache(name, config);
        io.zenoo.cache.ZenooCache<?, ?> zenoo = cache.unwrap(io.zenoo.cache.ZenooCache.class);
        zenoo.connect();
        Object state = zenoo.stats().get("circuit_state");
        if (!"open".equals(state)) {
          throw new IllegalStateException("the circuit should be open, but is " + state);
        }
        return cache;
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  /**
   * Redisson's JCache reads its whole configuration from the manager URI (a YAML or JSON resource;
   * the default URI means {@code /redisson-jcache.yaml} on the class path): a temporary YAML file
   * naming this server, everything else at Redisson's defaults (Kryo5Codec, pool sizes, threads).
   */
  private static URI redissonConfig(int port) {
    try {
      Path file = Files.createTempFile("redisson-bench-", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(file, "singleServerConfig:\n  address: \"redis://127.0.0.1:" + port + "\"\n");
      return file.toUri();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Redisson's configuration", e);
    }
  }

  private static URI resource(String path) {
    try {
      var url = Providers.class.getResource(path);
      if (url == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
