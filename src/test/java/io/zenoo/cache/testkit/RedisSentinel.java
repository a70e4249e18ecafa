package io.zenoo.cache.testkit;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Sentinel deployment of real processes on loopback, for tests: one master, {@code replicas}
 * replicas of it ({@code replicaof}) and {@code sentinels} Sentinels ({@code redis-server
 * sentinel.conf --sentinel}) monitoring it as {@value #MASTER_NAME} with a quorum of 2, a short
 * {@code down-after-milliseconds} ({@link Builder#downAfter(Duration)}, default 1 s) and {@code
 * failover-timeout} (default 3 s).
 *
 * <p>Starting returns once every replica's link is up and every Sentinel names the master and knows
 * the replicas and the other Sentinels. {@link #killMaster()} SIGKILLs the current master and returns
 * once the Sentinels name a promoted replica that reports {@code role:master}.
 *
 * <p>Thread-safe; {@link #close()} kills every process and deletes their directories.
 */
public final class RedisSentinel implements AutoCloseable {

  /** The name the Sentinels monitor the master under. */
  public static final String MASTER_NAME = "zenoo-master";

  private final List<RedisServer> servers;
  private final List<RedisServer> sentinels;
  private final Duration readyTimeout;

  private RedisSentinel(List<RedisServer> servers, List<RedisServer> sentinels, Duration readyTimeout) {
    this.servers = List.copyOf(servers);
    this.sentinels = List.copyOf(sentinels);
    this.readyTimeout = readyTimeout;
  }

  /** Returns a builder; the defaults give 1 master, 1 replica, 3 Sentinels. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts 1 master, 1 replica and 3 Sentinels: {@code builder().start()}. */
  public static RedisSentinel start() {
    return builder().start();
  }

  /** Returns the data servers, the first master as started first. */
  public List<RedisServer> servers() {
    return servers;
  }

  /** Returns the Sentinels. */
  public List<RedisServer> sentinels() {
    return sentinels;
  }

  /** Returns the server the Sentinels name as master now. */
  public RedisServer master() {
    int port = masterPort();
    return servers.stream()
        .filter(s -> s.port() == port)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the Sentinels name an unknown master on port " + port));
  }

  /**
   * Returns Lettuce's Sentinel URI: {@code redis-sentinel://127.0.0.1:s1,127.0.0.1:s2,...#zenoo-master}.
   */
  public URI uri() {
    return URI.create(
        "redis-sentinel://"
            + sentinels.stream()
                .map(s -> RedisServer.HOST + ":" + s.port())
                .collect(Collectors.joining(","))
            + "#"
            + MASTER_NAME);
  }

  /**
   * Kills the current master with SIGKILL and returns the replica the Sentinels promoted, once it
   * reports {@code role:master}.
   */
  public synchronized RedisServer killMaster() {
    RedisServer old = master();
    old.kill();
    RedisServer[] promoted = new RedisServer[1];
    await("the Sentinels promote a replica of " + old)
        .atMost(readyTimeout)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () -> {
              for (RedisServer sentinel : sentinels) {
                if (sentinel.isRunning() && masterPort(sentinel) == old.port()) {
                  return false;
                }
              }
              RedisServer now = master();
              promoted[0] = now;
              return String.valueOf(now.command("INFO", "replication")).contains("role:master");
            });
    return promoted[0];
  }

  /** Kills every process and deletes their directories. Idempotent. */
  @Override
  public synchronized void close() {
    RuntimeException first = null;
    List<RedisServer> all = new ArrayList<>(sentinels);
    all.addAll(servers);
    for (RedisServer server : all) {
      try {
        server.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "RedisSentinel[" + uri() + "]";
  }

  private int masterPort() {
    RuntimeException last = null;
    for (RedisServer sentinel : sentinels) {
      if (sentinel.isRunning()) {
        try {
          return masterPort(sentinel);
        } catch (RuntimeException e) {
          last = e;
        }
      }
    }
    throw last != null ? last : new IllegalStateException("no Sentinel of " + this + " runs");
  }

  private static int masterPort(RedisServer sentinel) {
    Object reply = sentinel.command("SENTINEL", "get-master-addr-by-name", MASTER_NAME);
    if (!(reply instanceof List<?> address) || address.size() != 2) {
      throw new IllegalStateException(sentinel + " does not know " + MASTER_NAME + ": " + reply);
    }
    return Integer.parseInt(String.valueOf(address.get(1)));
  }

  /** Collects the shape of the deployment. Setters validate; not thread-safe. */
  public static final class Builder {
    private int replicas = 1;
    private int sentinels = 3;
    private int quorum = 2;
    private Duration downAfter = Duration.ofSeconds(1);
    private Duration failoverTimeout = Duration.ofSeconds(3);
    private Duration readyTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** Sets the number of replicas (at least 1, so a failover is possible). Default: 1. */
    public Builder replicas(int replicas) {
      if (replicas < 1) {
        throw new IllegalArgumentException("replicas must be >= 1, but was " + replicas);
      }
      this.replicas = replicas;
      return this;
    }

    /** Sets the number of Sentinels (at least the quorum). Default: 3, quorum 2. */
    public Builder sentinels(int sentinels, int quorum) {
      if (quorum < 1 || sentinels < quorum) {
        throw new IllegalArgumentException(
            "need 1 <= quorum <= sentinels, but were " + quorum + " and " + sentinels);
      }
      this.sentinels = sentinels;
      this.quorum = quorum;
      return this;
    }

    /** Sets {@code down-after-milliseconds}. Default: 1 s. */
    public Builder downAfter(Duration downAfter) {
      if (downAfter.toMillis() < 100) {
        throw new IllegalArgumentException("downAfter must be >= 100 ms, but was " + downAfter);
      }
      this.downAfter = downAfter;
      return this;
    }

    /** Sets {@code failover-timeout}. Default: 3 s. */
    public Builder failoverTimeout(Duration timeout) {
      if (timeout.toMillis() < 100) {
        throw new IllegalArgumentException("failoverTimeout must be >= 100 ms, but was " + timeout);
      }
      this.failoverTimeout = timeout;
      return this;
    }

    /** Bounds the waits for the deployment to form and for a failover. Default: 30 s. */
    public Builder readyTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("readyTimeout must be > 0, but was " + timeout);
      }
      this.readyTimeout = timeout;
      return this;
    }

    /** Starts everything and returns once the Sentinels know the master, its replicas and each other. */
    public RedisSentinel start() {
      List<RedisServer> servers = new ArrayList<>();
      List<RedisServer> started = new ArrayList<>();
      try {
        RedisServer master = RedisServer.start();
        servers.add(master);
        started.add(master);
        for (int i = 0; i < replicas; i++) {
          RedisServer replica =
              RedisServer.builder()
                  .config("replicaof " + RedisServer.HOST + " " + master.port())
                  .start();
          servers.add(replica);
          started.add(replica);
        }
        await("the replicas of " + master + " are in sync")
            .atMost(readyTimeout)
            .pollInterval(Duration.ofMillis(50))
            .ignoreExceptions()
            .until(
                () ->
                    servers.subList(1, servers.size()).stream()
                        .allMatch(
                            r ->
                                String.valueOf(r.command("INFO", "replication"))
                                    .contains("master_link_status:up")));
        RedisServer.Builder sentinel =
            RedisServer.builder()
                .sentinel(true)
                .config(
                    "sentinel monitor " + MASTER_NAME + " " + RedisServer.HOST + " " + master.port()
                        + " " + quorum)
                .config("sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfter.toMillis())
                .config("sentinel failover-timeout " + MASTER_NAME + " " + failoverTimeout.toMillis())
                .config("sentinel parallel-syncs " + MASTER_NAME + " 1");
        List<RedisServer> watchers = new ArrayList<>();
        for (int i = 0; i < sentinels; i++) {
          RedisServer s = sentinel.start();
          watchers.add(s);
          started.add(s);
        }
        RedisSentinel deployment = new RedisSentinel(servers, watchers, readyTimeout);
        await("the Sentinels of " + deployment + " know the replicas and each other")
            .atMost(readyTimeout)
            .pollInterval(Duration.ofMillis(50))
            .ignoreExceptions()
            .until(
                () ->
                    watchers.stream()
                        .allMatch(
                            s -> {
                              String info = String.valueOf(s.command("INFO", "sentinel"));
                              return info.contains("status=ok")
                                  && info.contains("slaves=" + replicas)
                                  && info.contains("sentinels=" + sentinels);
                            }));
        return deployment;
      } catch (RuntimeException e) {
        started.forEach(RedisServer::close);
        throw e;
      }
    }
  }
}
