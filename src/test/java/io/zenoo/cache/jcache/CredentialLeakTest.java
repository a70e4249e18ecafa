package io.zenoo.cache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.ZenooCache;
import io.zenoo.cache.testkit.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A password in the manager URI never prints: every failure path we can drive with such a URI is scanned
 * (exception messages with their causes and suppressed exceptions, as {@code printStackTrace} prints
 * them), and so are the log output (slf4j-simple, on {@code System.err}), the {@code toString()} of the
 * manager, caches, configurations and statistics, and every JMX ObjectName and attribute.
 */
class CredentialLeakTest {

  private static final String PASSWORD = "S3cr3t-" + System.nanoTime();

  private final List<String> printed = new ArrayList<>();
  private final ZenooCachingProvider provider = new ZenooCachingProvider();

  private static String text(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out)); // message, causes and suppressed
    return out.toString();
  }

  /** Runs the action, which must fail, and keeps what the failure prints. */
  private void failure(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      printed.add(what + ": " + text(e));
      return;
    }
    throw new AssertionError(what + " did not fail");
  }

  /** Runs the action, which may fail (what it must do is another test's business), and keeps any failure. */
  private void attempt(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      printed.add(what + ": " + text(e));
    }
  }

  private CacheManager manager(String uri) {
    return provider.getCacheManager(URI.create(uri), getClass().getClassLoader());
  }

  private static MutableConfiguration<String, String> strings() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class)
        .setStatisticsEnabled(true).setManagementEnabled(true);
  }

  @Test
  void passwordInTheManagerUri_neverPrints() throws Exception {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      scenarios();
    } finally {
      System.setErr(originalErr);
      provider.close();
    }
    String log = logged.toString(StandardCharsets.UTF_8);
    assertThat(log).as("the capture works: the dead server's warning is in it").contains("WARN");
    assertThat(printed).hasSizeGreaterThan(20);
    assertThat(printed).allSatisfy(text -> assertThat(text).doesNotContain(PASSWORD));
    assertThat(log).doesNotContain(PASSWORD);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void scenarios() throws Exception {
    try (RedisServer secured = RedisServer.builder().defaultUserPassword(PASSWORD).start();
        RedisServer tls = RedisServer.builder().tls(true).defaultUserPassword(PASSWORD).start()) {
      String good = "redis://:" + PASSWORD + "@127.0.0.1:" + secured.port();
      CacheManager manager = manager(good);
      Cache<String, String> cache = manager.createCache("secured", strings());
      cache.put("k", "v");
      secured.command("SET", "zenoo:secured:garbage", "not an entry");
      cache.get("garbage"); // a decode warning in the log
      printed.add(manager.toString());
      printed.add(cache.toString());
      printed.add(cache.getConfiguration(CompleteConfiguration.class).toString());
      printed.add(cache.unwrap(ZenooCache.class).stats().toString());
      printed.add(String.valueOf(manager.getProperties()));
      jmx();

      failure("duplicate cache", () -> manager.createCache("secured", strings()));
      failure("wrong key type", () -> manager.getCache("secured", Integer.class, String.class));
      failure("bad parameter", () -> manager(good + "?socket_timeout=soon").createCache("p", strings()));
      attempt("unknown parameter", () -> manager(good + "?no_such_parameter=1").createCache("u", strings()));
      Properties bad = new Properties();
      bad.setProperty("retry_attempts", "many");
      failure("bad property", () -> provider.getCacheManager(URI.create(good + "/1"), getClass().getClassLoader(), bad)
          .createCache("q", strings()));

      String wrong = "redis://:" + PASSWORD + "-not@127.0.0.1:" + secured.port() + "?enable_fallback=false";
      failure("wrong password", () -> manager(wrong).createCache("w", strings()).unwrap(ZenooCache.class).connect());

      String dead = "redis://:" + PASSWORD + "@127.0.0.1:" + deadPort()
          + "?enable_fallback=false&retry_attempts=1&socket_connect_timeout=1";
      failure("dead server", () -> manager(dead).createCache("d", strings()).get("k"));
      String deadWithFallback = "redis://:" + PASSWORD + "@127.0.0.1:" + deadPort() + "/2?socket_connect_timeout=1";
      Cache<String, String> degraded = manager(deadWithFallback).createCache("f", strings());
      degraded.put("k", "v"); // served by the fallback: warnings in the log
      printed.add(degraded.unwrap(ZenooCache.class).stats().toString());
      String sentinel = "redis-sentinel://:" + PASSWORD + "@127.0.0.1:" + deadPort()
          + "?enable_fallback=false&retry_attempts=1&socket_connect_timeout=1#mymaster";
      failure("dead sentinel", () -> manager(sentinel).createCache("s", strings()).get("k"));

      String untrusted = "rediss://:" + PASSWORD + "@127.0.0.1:" + tls.port()
          + "?enable_fallback=false&socket_connect_timeout=2";
      failure("TLS not trusted", () -> manager(untrusted).createCache("t", strings()).unwrap(ZenooCache.class)
          .connect());

      manager.close();
      failure("closed manager", () -> manager.getCache("secured"));
      failure("closed manager, create", () -> manager.createCache("again", strings()));
      failure("closed cache", () -> cache.get("k"));

      String previous = System.getProperty(ZenooCachingProvider.URI_PROPERTY);
      System.setProperty(ZenooCachingProvider.URI_PROPERTY, "redis://:" + PASSWORD + "@bad host:1");
      try {
        failure("invalid default URI", provider::getDefaultURI);
      } finally {
        if (previous == null) {
          System.clearProperty(ZenooCachingProvider.URI_PROPERTY);
        } else {
          System.setProperty(ZenooCachingProvider.URI_PROPERTY, previous);
        }
      }
    }
  }

  private void jmx() throws Exception {
    MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    List<ObjectName> names = new ArrayList<>(mbeans.queryNames(new ObjectName("javax.cache:*"), null));
    names.addAll(mbeans.queryNames(new ObjectName("io.zenoo.cache:*"), null));
    names.removeIf(name -> !name.toString().contains("secured"));
    assertThat(names).as("the cache's MBeans").isNotEmpty();
    for (ObjectName name : names) {
      printed.add(name.toString());
      for (MBeanAttributeInfo attribute : mbeans.getMBeanInfo(name).getAttributes()) {
        printed.add(name + " " + attribute.getName() + "=" + mbeans.getAttribute(name, attribute.getName()));
      }
    }
  }

  private static int deadPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
