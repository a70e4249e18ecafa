package io.zenoo.cache.management;

import java.lang.management.ManagementFactory;
import java.net.URI;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;

/**
 * Registers cache MXBeans in the platform MBean server under the standard JCache names,
 * {@code javax.cache:type=<type>,CacheManager=<uri>,Cache=<name>} (ours under {@code io.zenoo.cache:…}), with {@code , : = "} and line breaks in
 * the values replaced by {@code .}. Registration and removal are idempotent.
 */
public final class JmxRegistration {

  /** The kinds of bean a cache registers. */
  public enum Type {
    /** The standard {@code CacheMXBean}. */
    CONFIGURATION("CacheConfiguration"),
    /** The standard {@code CacheStatisticsMXBean}. */
    STATISTICS("CacheStatistics"),
    /**
     * Our {@link BackendStatisticsMXBean}, in our own domain: tools (and the TCK) that count the beans of
     * the {@code javax.cache} domain must find only the standard ones there.
     */
    BACKEND("io.zenoo.cache", "CacheBackendStatistics");

    final String domain;
    final String objectType;

    Type(String objectType) {
      this("javax.cache", objectType);
    }

    Type(String domain, String objectType) {
      this.domain = domain;
      this.objectType = objectType;
    }
  }

  private JmxRegistration() {}

  /** Returns the object name of a cache's bean. */
  public static ObjectName objectName(URI managerUri, String cacheName, Type type) {
    String name =
        type.domain + ":type=" + type.objectType + ",CacheManager=" + sanitize(managerUri.toString())
            + ",Cache=" + sanitize(cacheName);
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new CacheException("Invalid JMX object name " + name, e);
    }
  }

  /** Registers the bean unless a bean of that name is already registered. */
  public static void register(Object bean, URI managerUri, String cacheName, Type type) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(managerUri, cacheName, type);
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (InstanceAlreadyExistsException e) {
      // registered concurrently: the bean of that name is there, which is what was asked
    } catch (MBeanRegistrationException | NotCompliantMBeanException e) {
      throw new CacheException("Cannot register " + name + " in JMX", e);
    }
  }

  /** Removes the bean if it is registered. */
  public static void unregister(URI managerUri, String cacheName, Type type) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(managerUri, cacheName, type);
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (InstanceNotFoundException e) {
      // removed concurrently
    } catch (MBeanRegistrationException e) {
      throw new CacheException("Cannot unregister " + name + " from JMX", e);
    }
  }

  private static String sanitize(String value) {
    return value.replaceAll("[,:=\"\\n\\r*?]", ".");
  }
}
