package io.zenoo.cache.testkit;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A Redis Cluster of real {@code redis-server} processes on loopback, for tests: {@code masters}
 * masters sharing the 16384 slots in equal ranges, each with {@code replicasPerMaster} replicas.
 *
 * <p><b>What.</b> Every node is a {@link RedisServer} (its own free port and directory) started with
 * {@code cluster-enabled yes}, {@code cluster-config-file nodes.conf} in that directory and a short
 * {@code cluster-node-timeout} ({@link Builder#nodeTimeout(Duration)}, default 1 s), so failures are
 * detected and replicas promoted within seconds. The kit joins the nodes with {@code CLUSTER MEET},
 * gives each master its range with {@code CLUSTER ADDSLOTS} (Redis 6.2 has no {@code ADDSLOTSRANGE}),
 * attaches replicas with {@code CLUSTER REPLICATE}, all over {@link RespConnection} (no {@code
 * redis-cli} needed), and returns once every node reports {@code cluster_state:ok}, knows every other
 * node, and every replica's link to its master is up.
 *
 * <p><b>Faults.</b> {@link #killMaster(RedisServer)} SIGKILLs a master and returns once one of its
 * replicas owns its slots and every live node reports {@code cluster_state:ok}. Single nodes can
 * also be paused or killed through {@link #nodes()}; a killed node restarted with {@link
 * RedisServer#restart()} rejoins with the identity kept in its {@code nodes.conf}.
 *
 * <p><b>Concurrency.</b> The kit's methods are thread-safe; the nodes are independent servers.
 * {@link #close()} kills every node and deletes their directories.
 */
public final class RedisCluster implements AutoCloseable {

  /** The number of hash slots of Redis Cluster. */
  public static final int SLOTS = 16384;

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private final List<RedisServer> nodes;
  private final Duration readyTimeout;

  private RedisCluster(List<RedisServer> nodes, Duration readyTimeout) {
    this.nodes = List.copyOf(nodes);
    this.readyTimeout = readyTimeout;
  }

  /** Returns a builder; the defaults give 3 masters with one replica each. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts 3 masters and 3 replicas: {@code builder().start()}. */
  public static RedisCluster start() {
    return builder().start();
  }

  /** Returns every node, masters first as started (roles change with failovers; see {@link #masters()}). */
  public List<RedisServer> nodes() {
    return nodes;
  }

  /** Returns the running nodes that are masters owning slots now, as the cluster itself reports it. */
  public List<RedisServer> masters() {
    List<RedisServer> masters = new ArrayList<>();
    for (NodeLine line : view()) {
      if (line.master() && !line.failed() && line.slots() > 0) {
        byPort(line.port()).filter(RedisServer::isRunning).ifPresent(masters::add);
      }
    }
    return masters;
  }

  /** Returns the running replicas now. */
  public List<RedisServer> replicas() {
    List<RedisServer> replicas = new ArrayList<>();
    for (NodeLine line : view()) {
      if (!line.master() && !line.failed()) {
        byPort(line.port()).filter(RedisServer::isRunning).ifPresent(replicas::add);
      }
    }
    return replicas;
  }

  /** Returns the master that owns the key's slot now. */
  public RedisServer masterFor(String key) {
    long slot = (Long) requireNonNull(anyRunning().command("CLUSTER", "KEYSLOT", key), "slot");
    for (NodeLine line : view()) {
      if (line.master() && !line.failed() && line.owns((int) slot)) {
        return byPort(line.port()).orElseThrow();
      }
    }
    throw new IllegalStateException("no master owns slot " + slot + " of " + this);
  }

  /**
   * Returns the seed URI of the cluster: {@code redis://127.0.0.1:p1,127.0.0.1:p2,...}, every node,
   * in the order started.
   */
  public URI uri() {
    return URI.create(
        "redis://"
            + nodes.stream()
                .map(n -> RedisServer.HOST + ":" + n.port())
                .collect(Collectors.joining(",")));
  }

  /**
   * Kills the master with SIGKILL and returns once a replica of it has taken over its slots and
   * every running node reports {@code cluster_state:ok}.
   *
   * @return the promoted replica
   */
  public synchronized RedisServer killMaster(RedisServer master) {
    String id = nodeId(master);
    if (view().stream().noneMatch(l -> l.id().equals(id) && l.master() && l.slots() > 0)) {
      throw new IllegalArgumentException(master + " is not a master owning slots");
    }
    List<String> replicaIds =
        view().stream().filter(l -> id.equals(l.masterId())).map(NodeLine::id).toList();
    if (replicaIds.isEmpty()) {
      throw new IllegalStateException(master + " has no replica to promote");
    }
    master.kill();
    RedisServer[] promoted = new RedisServer[1];
    await("a replica of " + master + " is promoted")
        .atMost(readyTimeout)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () -> {
              for (NodeLine line : view()) {
                if (replicaIds.contains(line.id()) && line.master() && line.slots() > 0) {
                  promoted[0] = byPort(line.port()).orElseThrow();
                  return true;
                }
              }
              return false;
            });
    awaitOk();
    return promoted[0];
  }

  /** Waits until every running node reports {@code cluster_state:ok} and agrees on who owns every slot. */
  public void awaitOk() {
    await("cluster_state:ok on every running node of " + this)
        .atMost(readyTimeout)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () -> {
              for (RedisServer node : running()) {
                if (!String.valueOf(node.command("CLUSTER", "INFO")).contains("cluster_state:ok")) {
                  return false;
                }
              }
              return true;
            });
  }

  /** Returns the node id of the server ({@code CLUSTER MYID}, kept in its {@code nodes.conf}). */
  public String nodeId(RedisServer node) {
    return String.valueOf(node.command("CLUSTER", "MYID"));
  }

  /** Kills every node and deletes their directories. Idempotent. */
  @Override
  public synchronized void close() {
    RuntimeException first = null;
    for (RedisServer node : nodes) {
      try {
        node.close();
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
    return "RedisCluster["
        + nodes.stream().map(n -> String.valueOf(n.port())).collect(Collectors.joining(","))
        + "]";
  }

  private List<RedisServer> running() {
    return nodes.stream().filter(RedisServer::isRunning).toList();
  }

  private RedisServer anyRunning() {
    return running().stream()
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no node of " + this + " runs"));
  }

  private Optional<RedisServer> byPort(int port) {
    return nodes.stream().filter(n -> n.port() == port).findFirst();
  }

  /** Returns the cluster as a running node sees it ({@code CLUSTER NODES}, the first that answers). */
  private List<NodeLine> view() {
    UncheckedIOException last = null;
    for (RedisServer node : running()) {
      try {
        return NodeLine.parse(String.valueOf(node.command("CLUSTER", "NODES")));
      } catch (UncheckedIOException e) {
        last = e;
      }
    }
    throw last != null ? last : new IllegalStateException("no node of " + this + " runs");
  }

  /** One line of {@code CLUSTER NODES}. */
  private record NodeLine(
      String id, int port, List<String> flags, @Nullable String masterId, List<int[]> ranges) {

    static List<NodeLine> parse(String nodes) {
      List<NodeLine> lines = new ArrayList<>();
      for (String text : nodes.split("\n")) {
        if (text.isBlank()) {
          continue;
        }
        String[] f = text.trim().split(" ");
        String address = f[1].split("@")[0];
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        List<int[]> ranges = new ArrayList<>();
        for (int i = 8; i < f.length; i++) {
          if (f[i].startsWith("[")) {
            continue; // a slot being migrated
          }
          String[] bounds = f[i].split("-");
          int from = Integer.parseInt(bounds[0]);
          ranges.add(new int[] {from, bounds.length > 1 ? Integer.parseInt(bounds[1]) : from});
        }
        lines.add(
            new NodeLine(f[0], port, List.of(f[2].split(",")), f[3].equals("-") ? null : f[3], ranges));
      }
      return lines;
    }

    boolean master() {
      return flags.contains("master");
    }

    boolean failed() {
      return flags.contains("fail") || flags.contains("handshake") || flags.contains("noaddr");
    }

    int slots() {
      return ranges.stream().mapToInt(r -> r[1] - r[0] + 1).sum();
    }

    boolean owns(int slot) {
      return ranges.stream().anyMatch(r -> r[0] <= slot && slot <= r[1]);
    }
  }

  /** Collects the shape of the cluster to start. Setters validate; not thread-safe. */
  public static final class Builder {
    private int masters = 3;
    private int replicasPerMaster = 1;
    private Duration nodeTimeout = Duration.ofSeconds(1);
    private Duration readyTimeout = Duration.ofSeconds(30);
    private final List<String> directives = new ArrayList<>();

    private Builder() {}

    /** Sets the number of masters (at least 1). Default: 3. */
    public Builder masters(int masters) {
      if (masters < 1) {
        throw new IllegalArgumentException("masters must be >= 1, but was " + masters);
      }
      this.masters = masters;
      return this;
    }

    /** Sets the number of replicas of each master (0 or more). Default: 1. */
    public Builder replicasPerMaster(int replicas) {
      if (replicas < 0) {
        throw new IllegalArgumentException("replicasPerMaster must be >= 0, but was " + replicas);
      }
      this.replicasPerMaster = replicas;
      return this;
    }

    /** Sets {@code cluster-node-timeout}: how long a node may not answer before it is failed. Default: 1 s. */
    public Builder nodeTimeout(Duration timeout) {
      if (timeout.toMillis() < 100) {
        throw new IllegalArgumentException("nodeTimeout must be >= 100 ms, but was " + timeout);
      }
      this.nodeTimeout = timeout;
      return this;
    }

    /** Bounds the waits for the cluster to form and for a failover. Default: 30 s. */
    public Builder readyTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("readyTimeout must be > 0, but was " + timeout);
      }
      this.readyTimeout = timeout;
      return this;
    }

    /** Adds one {@code redis.conf} line to every node, after the kit's own. */
    public Builder config(String directive) {
      directives.add(requireNonNull(directive, "directive"));
      return this;
    }

    /** Starts the nodes, forms the cluster and returns once it is ready; on failure nothing is left running. */
    public RedisCluster start() {
      RedisServer.Builder node =
          RedisServer.builder()
              .config("cluster-enabled yes")
              .config("cluster-config-file nodes.conf")
              .config("cluster-node-timeout " + nodeTimeout.toMillis())
              // a replica may always take over, however long it was cut off: tests kill on purpose
              .config("cluster-replica-validity-factor 0");
      directives.forEach(node::config);
      List<RedisServer> started = new ArrayList<>();
      try {
        for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
          started.add(node.start());
        }
        RedisCluster cluster = new RedisCluster(started, readyTimeout);
        form(cluster, started);
        return cluster;
      } catch (RuntimeException | IOException e) {
        started.forEach(RedisServer::close);
        if (e instanceof IOException io) {
          throw new UncheckedIOException("cannot form a cluster", io);
        }
        throw (RuntimeException) e;
      }
    }

    private void form(RedisCluster cluster, List<RedisServer> started) throws IOException {
      RedisServer first = started.get(0);
      try (RespConnection connection = first.connect(COMMAND_TIMEOUT)) {
        for (RedisServer other : started.subList(1, started.size())) {
          connection.command("CLUSTER", "MEET", RedisServer.HOST, String.valueOf(other.port()));
        }
      }
      for (int m = 0; m < masters; m++) {
        int from = m * SLOTS / masters;
        int to = (m + 1) * SLOTS / masters - 1;
        List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
        for (int slot = from; slot <= to; slot++) {
          command.add(String.valueOf(slot));
        }
        started.get(m).command(command.toArray(new String[0]));
      }
      // CLUSTER REPLICATE needs the replica to know its master: wait until gossip has spread
      await("every node of " + cluster + " knows every other")
          .atMost(readyTimeout)
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(
              () ->
                  started.stream()
                      .allMatch(
                          n ->
                              NodeLine.parse(String.valueOf(n.command("CLUSTER", "NODES"))).stream()
                                      .filter(l -> !l.failed())
                                      .count()
                                  == started.size()));
      Map<Integer, String> masterIds =
          java.util.stream.IntStream.range(0, masters)
              .boxed()
              .collect(Collectors.toMap(m -> m, m -> cluster.nodeId(started.get(m))));
      for (int r = 0; r < masters * replicasPerMaster; r++) {
        RedisServer replica = started.get(masters + r);
        replica.command("CLUSTER", "REPLICATE", masterIds.get(r % masters));
      }
      await("every replica of " + cluster + " is in sync")
          .atMost(readyTimeout)
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(
              () ->
                  started.subList(masters, started.size()).stream()
                      .allMatch(
                          n ->
                              String.valueOf(n.command("INFO", "replication"))
                                  .contains("master_link_status:up")));
      cluster.awaitOk();
      await("every node of " + cluster + " sees " + masters + " masters and their replicas")
          .atMost(readyTimeout)
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(
              () ->
                  started.stream()
                      .allMatch(
                          n -> {
                            List<NodeLine> view =
                                NodeLine.parse(String.valueOf(n.command("CLUSTER", "NODES")));
                            return view.stream().filter(l -> l.master() && l.slots() > 0).count()
                                    == masters
                                && view.stream().filter(l -> l.masterId() != null).count()
                                    == (long) masters * replicasPerMaster;
                          }));
    }
  }
}
