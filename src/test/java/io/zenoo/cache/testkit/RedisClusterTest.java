package io.zenoo.cache.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit's multi-process deployments: a 3 + 3 cluster and a Sentinel deployment, formed, failed over, cleaned up. */
class RedisClusterTest {

  @Test
  void cluster_forms_failsOver_andCleansUp() throws Exception {
    List<Path> directories;
    try (RedisCluster cluster = RedisCluster.start()) {
      assertThat(cluster.nodes()).hasSize(6);
      assertThat(cluster.masters()).hasSize(3);
      assertThat(cluster.replicas()).hasSize(3);
      assertThat(cluster.uri().toString()).startsWith("redis://127.0.0.1:").contains(",");
      for (RedisServer node : cluster.nodes()) {
        assertThat(String.valueOf(node.command("CLUSTER", "INFO")))
            .contains("cluster_state:ok", "cluster_slots_assigned:16384", "cluster_known_nodes:6");
        assertThat(node.directory().resolve("nodes.conf")).exists();
      }
      RedisServer owner = cluster.masterFor("some-key");
      assertThat(owner.command("SET", "some-key", "v")).isEqualTo("OK");
      assertThatThrownBy(() -> cluster.replicas().get(0).command("SET", "k0", "v"))
          .isInstanceOf(RespException.class);

      RedisServer promoted = cluster.killMaster(owner);

      assertThat(owner.isRunning()).isFalse();
      assertThat(cluster.masters()).hasSize(3).contains(promoted).doesNotContain(owner);
      assertThat(cluster.masterFor("some-key")).isEqualTo(promoted);
      assertThat(promoted.command("GET", "some-key")).as("replicated before the kill").isEqualTo("v");
      directories = cluster.nodes().stream().map(RedisServer::directory).toList();
    }
    assertThat(directories).allMatch(d -> !Files.exists(d));
  }

  @Test
  void sentinel_forms_failsOver_andCleansUp() {
    List<Path> directories;
    try (RedisSentinel sentinel = RedisSentinel.start()) {
      assertThat(sentinel.servers()).hasSize(2);
      assertThat(sentinel.sentinels()).hasSize(3);
      RedisServer master = sentinel.master();
      assertThat(master).isEqualTo(sentinel.servers().get(0));
      assertThat(sentinel.uri().toString())
          .startsWith("redis-sentinel://127.0.0.1:")
          .endsWith("#" + RedisSentinel.MASTER_NAME);
      master.command("SET", "k", "v");

      RedisServer promoted = sentinel.killMaster();

      assertThat(promoted).isNotEqualTo(master).isEqualTo(sentinel.master());
      assertThat(String.valueOf(promoted.command("INFO", "replication"))).contains("role:master");
      assertThat(promoted.command("SET", "k2", "v2")).isEqualTo("OK");
      directories =
          java.util.stream.Stream.concat(sentinel.servers().stream(), sentinel.sentinels().stream())
              .map(RedisServer::directory)
              .toList();
    }
    assertThat(directories).allMatch(d -> !Files.exists(d));
  }
}
