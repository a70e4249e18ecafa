package io.zenoo.cache.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.testkit.RedisCredentials;
import io.zenoo.cache.testkit.RedisServer;
import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our MXBeans as a remote console (jconsole, VisualVM) sees them: the platform MBean server is exported
 * through a JMX RMI connector on loopback (an RMI registry on a free port, {@code
 * service:jmx:rmi:///jndi/rmi://127.0.0.1:<port>/jmxrmi}), and every read and invocation goes through a
 * {@link JMXConnector}, so attribute values must survive the open-type mapping and serialization. Each test
 * checks that the values follow real operations on a memory cache and on a Redis cache, and that {@code
 * clear()} invoked remotely resets the JCache counters; one checks that no name or attribute shows the
 * password of the Redis URI.
 */
class RemoteJmxTest {

  private static final String PASSWORD = "Sw0rdfish-7f3a9c";

  private static Registry registry;
  private static JMXConnectorServer connectorServer;
  private static JMXServiceURL serviceUrl;
  private static RedisServer redis;

  private final CachingProvider provider = Caching.getCachingProvider();
  private final List<CacheManager> managers = new ArrayList<>();
  private JMXConnector connector;
  private MBeanServerConnection remote;

  @BeforeAll
  static void exportPlatformServer() throws IOException {
    LoopbackServerSockets registrySockets = new LoopbackServerSockets();
    registry = LocateRegistry.createRegistry(0, null, registrySockets);
    int port = registrySockets.lastPort();
    serviceUrl = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    Map<String, Object> environment = new HashMap<>();
    // the connection objects listen on loopback too, and their stubs dial loopback whatever the host name
    environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, new LoopbackServerSockets());
    environment.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, new LoopbackClientSockets());
    connectorServer =
        JMXConnectorServerFactory.newJMXConnectorServer(
            serviceUrl, environment, ManagementFactory.getPlatformMBeanServer());
    connectorServer.start();
    redis = RedisServer.builder().defaultUserPassword(PASSWORD).start();
  }

  @AfterAll
  static void stopServers() throws IOException {
    try {
      connectorServer.stop();
      redis.close();
    } finally {
      try {
        UnicastRemoteObject.unexportObject(registry, /* force= */ true);
      } catch (NoSuchObjectException e) {
        // already gone: nothing to release
      }
    }
  }

  @BeforeEach
  void connect() throws IOException {
    connector = JMXConnectorFactory.connect(serviceUrl);
    remote = connector.getMBeanServerConnection();
  }

  @AfterEach
  void close() throws IOException {
    managers.forEach(CacheManager::close);
    connector.close();
  }

  private Cache<String, String> cache(URI managerUri, String name) {
    CacheManager manager = provider.getCacheManager(managerUri, new ClassLoader(getClass().getClassLoader()) {});
    managers.add(manager);
    return manager.createCache(
        name,
        new MutableConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setStatisticsEnabled(true)
            .setManagementEnabled(true));
  }

  private URI redisUri() {
    RedisCredentials user = redis.defaultUser().orElseThrow();
    return redis.uri(user);
  }

  /**
   * Finds a bean of the cache among the registered names by type and cache name, as a console browsing the
   * tree does; the manager part of the name is whatever the manager registered (its URI, masked).
   */
  private ObjectName name(Cache<?, ?> cache, JmxRegistration.Type type) throws IOException {
    ObjectName pattern;
    try {
      pattern = new ObjectName(type.domain + ":type=" + type.objectType + ",Cache=" + cache.getName() + ",*");
    } catch (javax.management.MalformedObjectNameException e) {
      throw new AssertionError(e);
    }
    Set<ObjectName> found = remote.queryNames(pattern, null);
    assertThat(found).as("%s bean of %s", type, cache.getName()).hasSize(1);
    return found.iterator().next();
  }

  @Test
  void memoryCache_remoteConsoleReadsTheThreeBeans_valuesFollowOperations_clearResetsTheCounters()
      throws Exception {
    Cache<String, String> cache = cache(URI.create("remote-jmx-test:memory"), "remote.memory");
    assertBeansFollowOperations(cache, "memory");
  }

  @Test
  void redisCache_remoteConsoleReadsTheThreeBeans_valuesFollowOperations_clearResetsTheCounters()
      throws Exception {
    Cache<String, String> cache = cache(redisUri(), "remote.redis");
    assertBeansFollowOperations(cache, "redis");

    ObjectName backend = name(cache, JmxRegistration.Type.BACKEND);
    assertThat(remote.getAttribute(backend, "Connected")).isEqualTo(true);
    assertThat(remote.getAttribute(backend, "CircuitState")).isEqualTo("closed");
    assertThat((Long) remote.getAttribute(backend, "TotalOperations")).isPositive();
    assertThat(remote.getAttribute(backend, "ConnectionErrors")).isEqualTo(0L);
    assertThat(remote.getAttribute(backend, "ErrorRate")).isEqualTo(0d);
    assertThat(remote.getAttribute(backend, "CircuitBreakerTrips")).isEqualTo(0L);
    assertThat(remote.getAttribute(backend, "FallbackHits")).isEqualTo(0L);
  }

  @Test
  void redisCacheWithAPassword_noObjectNameAndNoAttributeShowsIt() throws Exception {
    Cache<String, String> cache = cache(redisUri(), "remote.secret");
    cache.put("k", "v");
    cache.get("k");

    Set<ObjectName> names = new java.util.HashSet<>();
    names.addAll(remote.queryNames(new ObjectName("javax.cache:*"), null));
    names.addAll(remote.queryNames(new ObjectName("io.zenoo.cache:*"), null));
    assertThat(names).as("the beans of the cache are there")
        .contains(name(cache, JmxRegistration.Type.BACKEND), name(cache, JmxRegistration.Type.STATISTICS));
    assertThat(name(cache, JmxRegistration.Type.BACKEND).getKeyProperty("CacheManager")).contains("127.0.0.1");
    List<String> seen = new ArrayList<>();
    for (ObjectName name : names) {
      seen.add(name.toString());
      for (MBeanAttributeInfo attribute : remote.getMBeanInfo(name).getAttributes()) {
        seen.add(name + " " + attribute.getName() + "=" + render(remote.getAttribute(name, attribute.getName())));
      }
    }
    assertThat(seen).anySatisfy(line -> assertThat(line).contains("Statistics=").contains("url="));
    assertThat(seen).noneSatisfy(line -> assertThat(line).contains(PASSWORD));
  }

  private void assertBeansFollowOperations(Cache<String, String> cache, String backendName) throws Exception {
    ObjectName statistics = name(cache, JmxRegistration.Type.STATISTICS);
    ObjectName configuration = name(cache, JmxRegistration.Type.CONFIGURATION);
    ObjectName backend = name(cache, JmxRegistration.Type.BACKEND);
    assertThat(statistics.toString()).startsWith("javax.cache:type=CacheStatistics,CacheManager=");
    assertThat(configuration.toString()).startsWith("javax.cache:type=CacheConfiguration,CacheManager=");
    assertThat(backend.toString()).startsWith("io.zenoo.cache:type=CacheBackendStatistics,CacheManager=");
    assertThat(remote.isRegistered(statistics)).isTrue();
    assertThat(remote.isRegistered(configuration)).isTrue();

    assertThat(remote.getAttribute(configuration, "KeyType")).isEqualTo(String.class.getName());
    assertThat(remote.getAttribute(configuration, "ValueType")).isEqualTo(String.class.getName());
    assertThat(remote.getAttribute(configuration, "StatisticsEnabled")).isEqualTo(true);
    assertThat(remote.getAttribute(configuration, "ManagementEnabled")).isEqualTo(true);
    assertThat(remote.getAttribute(backend, "Backend")).isEqualTo(backendName);
    assertThat(remote.getAttribute(backend, "CurrentSize")).isEqualTo(0L);
    assertThat(remote.getAttribute(statistics, "CacheGets")).isEqualTo(0L);

    cache.put("a", "1");
    cache.put("b", "2");
    cache.get("a");
    cache.get("a");
    cache.get("missing");
    cache.remove("b");

    assertThat(remote.getAttribute(statistics, "CachePuts")).isEqualTo(2L);
    assertThat(remote.getAttribute(statistics, "CacheHits")).isEqualTo(2L);
    assertThat(remote.getAttribute(statistics, "CacheMisses")).isEqualTo(1L);
    assertThat(remote.getAttribute(statistics, "CacheRemovals")).isEqualTo(1L);
    assertThat((Float) remote.getAttribute(statistics, "CacheHitPercentage")).isCloseTo(66.67f, within(0.01f));
    assertThat(remote.getAttribute(backend, "CurrentSize")).isEqualTo(1L);
    assertThat((Double) remote.getAttribute(backend, "HitRate")).isCloseTo(2d / 3, within(1e-9));
    if (backendName.equals("memory")) {
      assertThat((Long) remote.getAttribute(backend, "MemoryUsage")).isPositive();
    }
    Map<String, String> figures = statisticsTable(remote.getAttribute(backend, "Statistics"));
    assertThat(figures).containsEntry("backend", backendName).containsEntry("current_size", "1")
        .containsEntry("hits", "2").containsEntry("misses", "1");

    remote.invoke(statistics, "clear", null, null);

    assertThat(remote.getAttribute(statistics, "CachePuts")).isEqualTo(0L);
    assertThat(remote.getAttribute(statistics, "CacheHits")).isEqualTo(0L);
    assertThat(remote.getAttribute(statistics, "CacheMisses")).isEqualTo(0L);
    assertThat(remote.getAttribute(statistics, "CacheRemovals")).isEqualTo(0L);
    assertThat(remote.getAttribute(statistics, "CacheHitPercentage")).isEqualTo(0f);
    assertThat(remote.getAttribute(backend, "CurrentSize")).as("clearing statistics keeps the entries")
        .isEqualTo(1L);
    cache.get("a");
    assertThat(remote.getAttribute(statistics, "CacheHits")).isEqualTo(1L);
  }

  private static org.assertj.core.data.Offset<Float> within(float offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }

  /** A {@code Map<String, String>} attribute arrives as open-type tabular data of key/value rows. */
  private static Map<String, String> statisticsTable(Object attribute) {
    assertThat(attribute).isInstanceOf(TabularData.class);
    Map<String, String> table = new HashMap<>();
    for (Object row : ((TabularData) attribute).values()) {
      CompositeData entry = (CompositeData) row;
      table.put((String) entry.get("key"), (String) entry.get("value"));
    }
    return table;
  }

  private static String render(Object value) {
    if (value instanceof TabularData table) {
      return statisticsTable(table).toString();
    }
    return String.valueOf(value);
  }

  /** Listens on loopback only and remembers the port of the last socket it opened. */
  private static final class LoopbackServerSockets implements RMIServerSocketFactory {
    private volatile int lastPort;

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
      lastPort = socket.getLocalPort();
      return socket;
    }

    int lastPort() {
      return lastPort;
    }

    // RMI compares factories to share listening sockets: one instance, one socket
    @Override
    public boolean equals(Object other) {
      return other == this;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  /** Travels in the connection stubs: the client dials loopback, whatever host the stub names. */
  private static final class LoopbackClientSockets implements RMIClientSocketFactory, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof LoopbackClientSockets;
    }

    @Override
    public int hashCode() {
      return LoopbackClientSockets.class.hashCode();
    }
  }
}
