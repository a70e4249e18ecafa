package io.zenoo.cache.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.zenoo.cache.config.RedisUris;
import io.zenoo.cache.resilience.Backoff;
import io.zenoo.cache.store.StoreAccessException;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lettuce client, its resources (event loops, timers) and one multiplexed connection per distinct
 * server and timeout settings per JVM, shared by every cache and manager using them and closed when the
 * last of them lets go. Reference counted; thread safe (one lock, held only to look up and count: never
 * while connecting).
 */
final class SharedClients {

  private static final Logger LOG = LoggerFactory.getLogger(SharedClients.class);
  private static final Object LOCK = new Object();
  private static final Map<Settings, Shared> CLIENTS = new HashMap<>();

  private SharedClients() {}

  /** What identifies a shared client: the server URL (with credentials: never printed) and timeouts. */
  record Settings(
      String url,
      Duration socketTimeout,
      Duration connectTimeout,
      @Nullable String truststore,
      @Nullable String truststorePassword,
      Duration backoffBase,
      Duration backoffMax) {
    @Override
    public String toString() {
      return "Settings[" + RedisUris.mask(url) + ", socketTimeout=" + socketTimeout + ", connectTimeout="
          + connectTimeout + ", truststore=" + truststore + ", backoff=" + backoffBase + ".." + backoffMax + "]";
    }
  }

  /** Takes a reference to the shared client of the settings, creating it if it is the first. */
  static Lease acquire(Settings settings) {
    synchronized (LOCK) {
      Shared shared = CLIENTS.computeIfAbsent(settings, Shared::new);
      shared.references++;
      return new Lease(shared);
    }
  }

  /** Returns how many distinct shared clients are open (for tests and statistics). */
  static int openClients() {
    synchronized (LOCK) {
      return CLIENTS.size();
    }
  }

  /** A cache's hold on a shared client; {@link #close()} once. */
  static final class Lease implements AutoCloseable {
    private final Shared shared;
    private boolean closed;

    private Lease(Shared shared) {
      this.shared = shared;
    }

    /** Returns the multiplexed connection, connecting first if needed. */
    StatefulRedisConnection<byte[], byte[]> connection() throws StoreAccessException {
      return shared.connection();
    }

    /** Returns whether the shared connection is open now, without connecting. */
    boolean isConnected() {
      return shared.isConnected();
    }

    /** Returns the timeout of one command. */
    Duration commandTimeout() {
      return shared.settings.socketTimeout();
    }

    /**
     * Opens a connection of the shared client for the caller alone (who closes it): for a MULTI ... EXEC,
     * which must not have other threads' commands interleaved, as they would be on the shared connection.
     */
    StatefulRedisConnection<byte[], byte[]> openDedicated() throws StoreAccessException {
      return shared.openDedicated();
    }

    /** Returns the masked URL of the server, for messages. */
    String server() {
      return RedisUris.mask(shared.settings.url());
    }

    @Override
    public void close() {
      Shared toClose = null;
      synchronized (LOCK) {
        if (closed) {
          return;
        }
        closed = true;
        if (--shared.references == 0) {
          CLIENTS.remove(shared.settings, shared);
          toClose = shared;
        }
      }
      if (toClose != null) {
        toClose.shutdown();
      }
    }
  }

  private static final class Shared {
    final Settings settings;
    int references; // guarded by LOCK
    private @Nullable ClientResources resources;
    private @Nullable RedisClient client;
    private volatile @Nullable StatefulRedisConnection<byte[], byte[]> connection;

    Shared(Settings settings) {
      this.settings = settings;
    }

    boolean isConnected() {
      StatefulRedisConnection<byte[], byte[]> current = connection;
      return current != null && current.isOpen();
    }

    StatefulRedisConnection<byte[], byte[]> connection() throws StoreAccessException {
      StatefulRedisConnection<byte[], byte[]> current = connection;
      if (current != null) {
        return current;
      }
      synchronized (this) {
        if (connection != null) {
          return connection;
        }
        try {
          if (client == null) {
            RedisURI uri = RedisURI.create(settings.url());
            uri.setTimeout(settings.socketTimeout());
            // reconnection is paced by the retry schedule: attempt n waits as retry attempt n+1 would
            Backoff backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
            resources = DefaultClientResources.builder()
                .reconnectDelay(new Delay() {
                  @Override
                  public Duration createDelay(long attempt) {
                    return Duration.ofNanos(backoff.delayNanos(attempt + 1));
                  }
                })
                .build();
            client = RedisClient.create(resources, uri);
            ClientOptions.Builder options = ClientOptions.builder();
            if (settings.truststore() != null) {
              String password = settings.truststorePassword();
              options.sslOptions(
                  SslOptions.builder()
                      .jdkSslProvider()
                      .truststore(new File(settings.truststore()), password == null ? "" : password)
                      .build());
            }
            client.setOptions(
                options
                    .autoReconnect(true)
                    // at most once: a command cut off by a lost connection fails instead of being sent again
                    // after the reconnect, where it could land after newer writes (a late SET resurrecting a
                    // removed value) or apply a compare-and-set twice; the resilience layer decides what to
                    // retry, knowing which calls are idempotent
                    .replayFilter(command -> true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
                    .timeoutOptions(TimeoutOptions.enabled(settings.socketTimeout()))
                    .build());
          }
          StatefulRedisConnection<byte[], byte[]> opened = client.connect(ByteArrayCodec.INSTANCE);
          connection = opened;
          return opened;
        } catch (RuntimeException e) {
          throw new StoreAccessException(
              "cannot connect to Redis at " + RedisUris.mask(settings.url()) + ": " + RedisFailures.describe(e),
              e,
              RedisFailures.kind(e));
        }
      }
    }

    StatefulRedisConnection<byte[], byte[]> openDedicated() throws StoreAccessException {
      connection(); // creates the client on first use, with the shared options and timeouts
      RedisClient current;
      synchronized (this) {
        current = client;
      }
      try {
        if (current == null) {
          throw new IllegalStateException("the client is shut down");
        }
        return current.connect(ByteArrayCodec.INSTANCE);
      } catch (RuntimeException e) {
        throw new StoreAccessException(
            "cannot connect to Redis at " + RedisUris.mask(settings.url()) + ": " + RedisFailures.describe(e),
            e,
            RedisFailures.kind(e));
      }
    }

    void shutdown() {
      StatefulRedisConnection<byte[], byte[]> open;
      RedisClient c;
      ClientResources r;
      synchronized (this) {
        open = connection;
        c = client;
        r = resources;
        connection = null;
        client = null;
        resources = null;
      }
      try {
        if (open != null) {
          open.close();
        }
        if (c != null) {
          c.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (r != null) {
          r.shutdown(0, 2, TimeUnit.SECONDS);
        }
      } catch (RuntimeException e) {
        LOG.warn("Closing the Redis client of {} failed", RedisUris.mask(settings.url()), e);
      }
    }
  }
}
