package io.zenoo.cache.tck;

import io.zenoo.cache.testkit.RedisCluster;
import io.zenoo.cache.testkit.RedisServer;
import org.junit.runner.Description;
import org.junit.runner.Result;
import org.junit.runner.notification.RunListener;

/**
 * Starts real Redis from the test kit before the TCK runs and points the provider's default URI at it
 * (through the {@code zenoo.cache.uri} system property, as an operator would), then stops it afterwards:
 * one redis-server when the execution sets {@code zenoo.tck.backend=redis}, a Redis Cluster of 3 masters
 * (no replicas: the TCK injects no faults) addressed by its seed list when it sets
 * {@code zenoo.tck.backend=redis-cluster}.
 */
public final class RedisTckServer extends RunListener {

  private AutoCloseable deployment;

  @Override
  public void testRunStarted(Description description) {
    String backend = System.getProperty("zenoo.tck.backend");
    if ("redis".equals(backend)) {
      RedisServer server = RedisServer.start();
      deployment = server;
      System.setProperty("zenoo.cache.uri", server.uri().toString());
    } else if ("redis-cluster".equals(backend)) {
      RedisCluster cluster = RedisCluster.builder().masters(3).replicasPerMaster(0).start();
      deployment = cluster;
      System.setProperty("zenoo.cache.uri", cluster.uri().toString());
    }
  }

  @Override
  public void testRunFinished(Result result) throws Exception {
    if (deployment != null) {
      deployment.close();
    }
  }
}
