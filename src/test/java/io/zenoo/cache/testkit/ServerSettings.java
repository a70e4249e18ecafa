package io.zenoo.cache.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link RedisServer.Builder} collected, immutable, and the {@code redis.conf} it becomes.
 *
 * @param binary the binary, or {@code null} for {@link RedisBinary#locate()}
 * @param tls whether the server listens with TLS only
 * @param defaultUserPassword the default user's password, or {@code null} for none
 * @param users the ACL users besides the default one
 * @param directives further {@code redis.conf} lines, after the kit's own
 * @param startTimeout how long a start may take until the server answers PING
 * @param commandTimeout bounds the kit's own commands and waits for a signal's effect
 * @param sentinel whether the process runs as a Sentinel ({@code redis-server <conf> --sentinel})
 */
record ServerSettings(
    @Nullable Path binary,
    boolean tls,
    @Nullable String defaultUserPassword,
    List<RedisCredentials> users,
    List<String> directives,
    Duration startTimeout,
    Duration commandTimeout,
    boolean sentinel) {

  ServerSettings {
    users = List.copyOf(users);
    directives = List.copyOf(directives);
  }

  /** Returns whether a directive enables cluster mode (the node then also needs port + 10000). */
  boolean clusterEnabled() {
    return directives.stream().anyMatch(d -> d.trim().replaceAll("\\s+", " ").equalsIgnoreCase("cluster-enabled yes"));
  }

  /**
   * Returns the lines of {@code redis.conf}: loopback only, on {@code port} (the TLS port, with the
   * plain port off, when {@link #tls()}), no persistence, no daemon, the log on standard output,
   * then the password, the users and the extra directives.
   */
  List<String> configuration(int port, Path directory, @Nullable TlsMaterial material) {
    List<String> lines = new ArrayList<>();
    lines.add("# written by the zenoo-cache test kit");
    lines.add("bind " + RedisServer.HOST);
    if (material == null) {
      lines.add("port " + port);
    } else {
      lines.add("port 0");
      lines.add("tls-port " + port);
      lines.add("tls-cert-file " + quote(material.serverCertificate()));
      lines.add("tls-key-file " + quote(material.serverKey()));
      lines.add("tls-ca-cert-file " + quote(material.caCertificate()));
      lines.add("tls-auth-clients no");
    }
    lines.add("daemonize no");
    lines.add("save \"\"");
    lines.add("appendonly no");
    lines.add("dir " + quote(directory));
    // standard output, which the kit appends to the log file
    lines.add("logfile \"\"");
    if (defaultUserPassword != null) {
      lines.add("requirepass " + defaultUserPassword);
    }
    for (RedisCredentials user : users) {
      lines.add("user " + user.username() + " on >" + user.password() + " ~* &* +@all");
    }
    lines.addAll(directives);
    return lines;
  }

  private static String quote(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
