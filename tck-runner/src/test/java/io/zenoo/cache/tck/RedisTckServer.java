package io.zenoo.cache.tck;

import io.zenoo.cache.testkit.RedisServer;
import org.junit.runner.Description;
import org.junit.runner.Result;
import org.junit.runner.notification.RunListener;

/**
 * Starts a real redis-server from the test kit before the TCK runs and points the provider's default URI
 * at it (through the {@code zenoo.cache.uri} system property, as an operator would), when the execution
 * sets {@code zenoo.tck.backend=redis}; stops it afterwards.
 */
public final class RedisTckServer extends RunListener {

  private RedisServer server;

  @Override
  public void testRunStarted(Description description) {
    if (!"redis".equals(System.getProperty("zenoo.tck.backend"))) {
      return;
    }
    server = RedisServer.start();
    System.setProperty("zenoo.cache.uri", server.uri().toString());
  }

  @Override
  public void testRunFinished(Result result) {
    if (server != null) {
      server.close();
    }
  }
}
