package io.zenoo.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import io.zenoo.cache.config.RedisUris;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which URLs name a Redis Cluster, and the seed URIs the cluster client gets from them. */
class ClusterUrlTest {

  @Test
  void isCluster_severalHostsOnRedisOrRediss_only() {
    assertThat(SharedClients.isCluster("redis://127.0.0.1:7000,127.0.0.1:7001")).isTrue();
    assertThat(SharedClients.isCluster("rediss://app:p,w@h1:7000,h2:7001/0?namespace=a,b#x")).isTrue();
    assertThat(SharedClients.isCluster("REDIS://h1,h2")).isTrue();
    assertThat(SharedClients.isCluster("redis://localhost:6379/0")).isFalse();
    assertThat(SharedClients.isCluster("redis://localhost:6379/0?namespace=a,b")).isFalse();
    assertThat(SharedClients.isCluster("redis://user:a,b@localhost:6379")).as("comma in the password").isFalse();
    assertThat(SharedClients.isCluster("redis-sentinel://s1:26379,s2:26379#master")).isFalse();
  }

  @Test
  void seeds_oneUriPerHost_withTheCredentialsDatabaseAndQueryOfTheUrl() {
    List<RedisURI> seeds = SharedClients.seeds("rediss://app:secret@h1:7000,h2:7001/0?timeout=2s");

    assertThat(seeds).hasSize(2);
    assertThat(seeds).extracting(RedisURI::getHost).containsExactly("h1", "h2");
    assertThat(seeds).extracting(RedisURI::getPort).containsExactly(7000, 7001);
    assertThat(seeds).allSatisfy(uri -> {
      assertThat(uri.isSsl()).isTrue();
      io.lettuce.core.RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
      assertThat(credentials.getUsername()).isEqualTo("app");
      assertThat(new String(credentials.getPassword())).isEqualTo("secret");
      assertThat(uri.getTimeout().getSeconds()).isEqualTo(2);
    });
  }

  @Test
  void mask_hidesTheSharedPasswordOfASeedList() {
    assertThat(RedisUris.mask("redis://app:secret@h1:7000,h2:7001")).isEqualTo("redis://app:****@h1:7000,h2:7001");
  }
}
