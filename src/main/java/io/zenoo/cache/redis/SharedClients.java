package io.zenoo.cache.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
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
import java.util.List;
import java.util.Locale;
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
 *
 * <p><b>Deployments.</b> A {@code redis://} or {@code rediss://} URL naming one host is a single server
 * ({@link RedisClient}); naming several hosts, comma separated ({@code redis://h1:p1,h2:p2,h3:p3}), it
 * is a Redis Cluster given by its seed nodes ({@link RedisClusterClient}, which learns the whole
 * topology from any seed that answers and refreshes it every {@link #TOPOLOGY_REFRESH_PERIOD} and at
 * once on MOVED/ASK redirections, persistent reconnects and uncovered slots, at most once per
 * {@link #ADAPTIVE_REFRESH_TIMEOUT}). A {@code redis-sentinel://} URL is a Sentinel deployment: the
 * single-server client asks the Sentinels for the master, and again on every reconnect, so it follows
 * the master through a failover. Commands go through {@link RedisClusterCommands} and
 * {@link RedisClusterAsyncCommands}, which both clients' connections implement (on a cluster, the
 * advanced API splits MGET and UNLINK by slot and SCANs every master).
 */
final class SharedClients {

  private static final Logger LOG = LoggerFactory.getLogger(SharedClients.class);
  private static final Object LOCK = new Object();
  private static final Map<Settings, Shared> CLIENTS = new HashMap<>();

  /** How often a cluster client re-reads the topology even when nothing suggests it changed. */
  static final Duration TOPOLOGY_REFRESH_PERIOD = Duration.ofSeconds(10);

  /** The least time between two topology refreshes that redirections or reconnects trigger. */
  static final Duration ADAPTIVE_REFRESH_TIMEOUT = Duration.ofMillis(500);

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
 /** Returns whether the URL names a Redis Cluster: {@code redis://} or {@code rediss://} with several hosts. */
    boolean cluster() {
      return isCluster(url);
    }

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

  /**
   * Returns whether the URL names a Redis Cluster: scheme {@code redis} or {@code rediss} and more than
   * one host in the authority, comma separated.
   */
  static boolean isCluster(String url) {
    int colon = url.indexOf("://");
    if (colon < 0) {
      return false;
    }
    String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      return false;
    }
    String rest = url.substring(colon + 3);
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String authority = rest.substring(0, end);
    return authority.substring(authority.lastIndexOf('@') + 1).contains(",");
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

    /** Connects the shared connection if it is not yet. */
    void connect() throws StoreAccessException {
      shared.connection();
    }

    /** Returns the shared connection itself (to dispatch a batch of commands), connecting first if needed. */
    StatefulConnection<byte[], byte[]> stateful() throws StoreAccessException {
      return shared.connection().connection;
    }

    /** Returns the synchronous commands of the shared connection, connecting first if needed. */
    RedisClusterCommands<byte[], byte[]> sync() throws StoreAccessException {
      return shared.connection().sync;
    }

    /** Returns the asynchronous commands of the shared connection, connecting first if needed. */
    RedisClusterAsyncCommands<byte[], byte[]> async() throws StoreAccessException {
      return shared.connection().async;
    }

    /** Returns whether the server is a Redis Cluster. */
    boolean cluster() {
      return shared.settings.cluster();
    }

    /** Returns what the URL names: {@code "cluster"}, {@code "sentinel"} or {@code "server"}. */
    String deployment() {
      if (cluster()) {
        return "cluster";
      }
      return shared.settings.url().regionMatches(true, 0, "redis-sentinel:", 0, 15) ? "sentinel" : "server";
    }

    /**
     * Sends PING and waits for the answer; on a cluster, to every master that owns slots in the
     * client's view of the topology, on the connection commands for it are routed through (opening it
     * if a failover promoted a replica since), so a master that cannot be reached fails the check.
     *
     * @throws io.lettuce.core.RedisException when a PING fails
     */
    void ping() throws StoreAccessException {
      Connected connected = shared.connection();
      if (connected.connection instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster) {
        for (RedisClusterNode node : cluster.getPartitions()) {
          if (!node.getSlots().isEmpty()) {
            cluster.getConnection(node.getUri().getHost(), node.getUri().getPort()).sync().ping();
          }
        }
      } else {
        connected.sync.ping();
      }
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
     * On a cluster it is a cluster connection ({@link StatefulRedisClusterConnection}), whose per-node
     * connections are the caller's alone too.
     */
    StatefulConnection<byte[], byte[]> openDedicated() throws StoreAccessException {
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

  /** An open connection with its two command interfaces, taken once. */
  private static final class Connected {
    final StatefulConnection<byte[], byte[]> connection;
    final RedisClusterCommands<byte[], byte[]> sync;
    final RedisClusterAsyncCommands<byte[], byte[]> async;

    Connected(StatefulRedisConnection<byte[], byte[]> single) {
      this.connection = single;
      this.sync = single.sync();
      this.async = single.async();
    }

    Connected(StatefulRedisClusterConnection<byte[], byte[]> cluster) {
      this.connection = cluster;
      this.sync = cluster.sync();
      this.async = cluster.async();
    }
  }

  private static final class Shared {
    final Settings settings;
    int references; // guarded by LOCK
    private @Nullable ClientResources resources;
    private @Nullable RedisClient client;
    private @Nullable RedisClusterClient clusterClient;
    private volatile @Nullable Connected connection;

    Shared(Settings settings) {
      this.settings = settings;
    }

    boolean isConnected() {
      Connected current = connection;
      return current != null && current.connection.isOpen();
    }

    /**
     * Opens the connections to every master that owns slots now. Lettuce opens a node's connection on
     * the first command for it, and with {@code REJECT_COMMANDS} rejects the commands that arrive while
     * it is being opened; opening them up front keeps the first commands from failing. A master that
     * cannot be reached is left for later (its commands fail until it answers or a replica takes over).
     */
    private static void warm(StatefulRedisClusterConnection<byte[], byte[]> connection) {
      for (RedisClusterNode node : connection.getPartitions()) {
        if (!node.getSlots().isEmpty()) {
          try {
            // by address, as commands are routed (a connection by node id would be another one)
            connection.getConnection(node.getUri().getHost(), node.getUri().getPort());
          } catch (RuntimeException e) {
            LOG.debug("Cannot connect to cluster node {} yet", node.getUri(), e);
          }
        }
      }
    }

    Connected connection() throws StoreAccessException {
      Connected current = connection;
      if (current != null) {
        return current;
      }
      synchronized (this) {
        if (connection != null) {
          return connection;
        }
        try {
          if (client == null && clusterClient == null) {
            createClient();
          }
          Connected opened = connectShared();
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

    // guarded by this
    private Connected connectShared() {
      Connected opened = connect(client, clusterClient);
      if (opened.connection instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster) {
        warm(cluster);
      }
      return opened;
    }

    private static Connected connect(@Nullable RedisClient single, @Nullable RedisClusterClient cluster) {
      if (cluster != null) {
        return new Connected(cluster.connect(ByteArrayCodec.INSTANCE));
      }
      if (single == null) {
        throw new IllegalStateException("the client is shut down");
      }
      return new Connected(single.connect(ByteArrayCodec.INSTANCE));
    }

    // guarded by this. Deprecation: Lettuce 7 enables the adaptive refresh triggers by default and
    // deprecates choosing them; Lettuce 6 (Spring Boot 3.5's) has them all off unless chosen.
    @SuppressWarnings("deprecation")
    private void createClient() {
      List<RedisURI> uris = settings.cluster() ? seeds(settings.url()) : List.of(RedisURI.create(settings.url()));
      for (RedisURI uri : uris) {
        uri.setTimeout(settings.socketTimeout());
      }
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
      ClientOptions.Builder options;
      ClusterClientOptions.Builder clusterOptions = null;
      if (settings.cluster()) {
        clusterOptions = ClusterClientOptions.builder();
        clusterOptions.topologyRefreshOptions(
            ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(TOPOLOGY_REFRESH_PERIOD)
                .enableAdaptiveRefreshTrigger(
                    RefreshTrigger.MOVED_REDIRECT,
                    RefreshTrigger.ASK_REDIRECT,
                    RefreshTrigger.PERSISTENT_RECONNECTS,
                    RefreshTrigger.UNCOVERED_SLOT,
                    RefreshTrigger.UNKNOWN_NODE)
                .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_TIMEOUT)
                .build());
        options = clusterOptions;
      } else {
        options = ClientOptions.builder();
      }
      if (settings.truststore() != null) {
        String password = settings.truststorePassword();
        options.sslOptions(
            SslOptions.builder()
                .jdkSslProvider()
                .truststore(new File(settings.truststore()), password == null ? "" : password)
                .build());
      }
      options
          .autoReconnect(true)
          // at most once: a command cut off by a lost connection fails instead of being sent again
          // after the reconnect, where it could land after newer writes (a late SET resurrecting a
          // removed value) or apply a compare-and-set twice; the resilience layer decides what to
          // retry, knowing which calls are idempotent
          .replayFilter(command -> true)
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
          .timeoutOptions(TimeoutOptions.enabled(settings.socketTimeout()));
      if (clusterOptions != null) {
        clusterClient = RedisClusterClient.create(resources, uris);
        clusterClient.setOptions(clusterOptions.build());
      } else {
        client = RedisClient.create(resources, uris.get(0));
        client.setOptions(options.build());
      }
    }

    StatefulConnection<byte[], byte[]> openDedicated() throws StoreAccessException {
      connection(); // creates the client on first use, with the shared options and timeouts
      RedisClient single;
      RedisClusterClient cluster;
      synchronized (this) {
        single = client;
        cluster = clusterClient;
      }
      try {
        return connect(single, cluster).connection;
      } catch (RuntimeException e) {
        throw new StoreAccessException(
            "cannot connect to Redis at " + RedisUris.mask(settings.url()) + ": " + RedisFailures.describe(e),
            e,
            RedisFailures.kind(e));
      }
    }

    void shutdown() {
      Connected open;
      RedisClient c;
      RedisClusterClient cc;
      ClientResources r;
      synchronized (this) {
        open = connection;
        c = client;
        cc = clusterClient;
        r = resources;
        connection = null;
        client = null;
        clusterClient = null;
        resources = null;
      }
      try {
        if (open != null) {
          open.connection.close();
        }
        if (c != null) {
          c.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (cc != null) {
          cc.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (r != null) {
          r.shutdown(0, 2, TimeUnit.SECONDS);
        }
      } catch (RuntimeException e) {
        LOG.warn("Closing the Redis client of {} failed", RedisUris.mask(settings.url()), e);
      }
    }
  }

  /**
   * Returns one Lettuce URI per seed node of a cluster URL: the same scheme, credentials, path and query
   * for every host of the comma-separated list.
   */
  static List<RedisURI> seeds(String url) {
    int start = url.indexOf("://") + 3;
    String rest = url.substring(start);
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String authority = rest.substring(0, end);
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
    String prefix = url.substring(0, start) + userInfo;
    String suffix = rest.substring(end);
    List<RedisURI> uris = new java.util.ArrayList<>();
    for (String host : authority.substring(at + 1).split(",")) {
      uris.add(RedisURI.create(prefix + host + suffix));
    }
    return uris;
  }
}
