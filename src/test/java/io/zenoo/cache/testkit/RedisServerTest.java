package io.zenoo.cache.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/**
 * The kit's promises, each against a real {@code redis-server}: it starts on a free loopback port
 * without persistence, and its faults (kill, pause, restart, dropped clients) do to clients what
 * the real faults do; TLS and ACL servers accept the right clients and refuse the others.
 */
class RedisServerTest {

  private static final Duration SHORT = Duration.ofMillis(300);
  /** For answers that must come, on a machine that may be loaded (a TLS handshake under CI load). */
  private static final Duration GENEROUS = Duration.ofSeconds(10);

  /** A started server answers PING on 127.0.0.1 and persists nothing. */
  @Test
  void start_default_answersPingOnLoopbackWithoutPersistence() throws IOException {
    try (RedisServer server = RedisServer.start();
        RespConnection connection = server.connect()) {
      assertThat(connection.command("PING")).isEqualTo("PONG");
      assertThat(server.uri()).hasToString("redis://127.0.0.1:" + server.port());
      assertThat(server.isRunning()).isTrue();
      assertThat(connection.command("CONFIG", "GET", "bind")).isEqualTo(List.of("bind", "127.0.0.1"));
      assertThat(connection.command("CONFIG", "GET", "save")).isEqualTo(List.of("save", ""));
      assertThat(connection.command("CONFIG", "GET", "appendonly"))
          .isEqualTo(List.of("appendonly", "no"));
      assertThat(server.log()).contains("Ready to accept connections");
    }
  }

  /** Two servers never share a port. */
  @Test
  void start_twoServers_listenOnDistinctPorts() {
    try (RedisServer first = RedisServer.start();
        RedisServer second = RedisServer.start()) {
      assertThat(first.port()).isNotEqualTo(second.port());
      assertThat(first.command("PING")).isEqualTo("PONG");
      assertThat(second.command("PING")).isEqualTo("PONG");
    }
  }

  /** After SIGKILL, new connections are refused and open ones are reset. */
  @Test
  void kill_runningServer_refusesConnections() throws IOException {
    try (RedisServer server = RedisServer.start();
        RespConnection open = server.connect()) {
      server.kill();

      assertThat(server.isRunning()).isFalse();
      assertThatThrownBy(() -> RespConnection.open(server.port(), SHORT))
          .isInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> open.command("PING")).isInstanceOf(IOException.class);
    }
  }

  /** A graceful stop shuts the server down through SHUTDOWN, which its log shows. */
  @Test
  void stop_runningServer_shutsDownGracefully() {
    try (RedisServer server = RedisServer.start()) {
      server.stop();
      server.stop();

      assertThat(server.isRunning()).isFalse();
      assertThat(server.log()).contains("ready to exit");
      assertThatThrownBy(() -> RespConnection.open(server.port(), SHORT))
          .isInstanceOf(ConnectException.class);
    }
  }

  /**
   * While paused, a connection is accepted (by the kernel) but PING is not answered within the
   * socket timeout; after resume, it is.
   */
  @Test
  void pause_thenResume_pingTimesOutThenAnswers() throws IOException {
    try (RedisServer server = RedisServer.start()) {
      server.pause();
      assertThat(server.isPaused()).isTrue();
      try (RespConnection connection = server.connect(SHORT)) {
        // no AUTH needed here, so connect() itself sent nothing and succeeds
        assertThatThrownBy(() -> connection.command("PING"))
            .isInstanceOf(SocketTimeoutException.class);
      }

      server.resume();

      assertThat(server.isRunning()).isTrue();
      try (RespConnection connection = server.connect(GENEROUS)) {
        assertThat(connection.command("PING")).isEqualTo("PONG");
      }
    }
  }

  /** A restart after a crash comes back on the same port, answering, with no data kept. */
  @Test
  void restart_afterKill_samePortAnswersAndIsEmpty() {
    try (RedisServer server = RedisServer.start()) {
      int port = server.port();
      long pid = server.pid();
      server.command("SET", "k", "v");
      server.kill();

      server.restart();

      assertThat(server.port()).isEqualTo(port);
      assertThat(server.pid()).isNotEqualTo(pid);
      assertThat(server.command("PING")).isEqualTo("PONG");
      assertThat(server.command("GET", "k")).isNull();
    }
  }

  /** A restart of a running server stops it gracefully and comes back on the same port. */
  @Test
  void restart_running_samePortAnswers() {
    try (RedisServer server = RedisServer.start()) {
      int port = server.port();

      server.restart();

      assertThat(server.port()).isEqualTo(port);
      assertThat(server.command("PING")).isEqualTo("PONG");
    }
  }

  /** ensureRunning resumes a paused server and restarts a killed one. */
  @Test
  void ensureRunning_pausedOrKilled_answersAgain() {
    try (RedisServer server = RedisServer.start()) {
      server.pause();
      server.ensureRunning();
      assertThat(server.command("PING")).isEqualTo("PONG");

      server.kill();
      server.ensureRunning();
      assertThat(server.command("PING")).isEqualTo("PONG");
    }
  }

  /** killClients drops an open connection; the server keeps running and takes new ones. */
  @Test
  void killClients_openConnection_isDropped() throws IOException {
    try (RedisServer server = RedisServer.start();
        RespConnection open = server.connect()) {
      assertThat(open.command("PING")).isEqualTo("PONG");

      assertThat(server.killClients()).isPositive();

      assertThatThrownBy(() -> open.command("PING")).isInstanceOf(IOException.class);
      assertThat(server.command("PING")).isEqualTo("PONG");
    }
  }

  /** close() kills the process, deletes the directory, may be repeated, and ends the server. */
  @Test
  void close_twice_killsProcessAndDeletesDirectory() {
    RedisServer server = RedisServer.start();
    Path directory = server.directory();
    ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();

    server.close();
    server.close();

    assertThat(process.isAlive()).isFalse();
    assertThat(directory).doesNotExist();
    assertThatThrownBy(server::restart)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  /**
   * A TLS server answers PING over TLS to a client trusting the generated truststore (host name
   * verified for 127.0.0.1), refuses plain text, and keeps its port and TLS across a restart.
   */
  @Test
  void start_tls_answersTlsClientsAndRefusesPlainText() throws Exception {
    try (RedisServer server = RedisServer.builder().tls(true).start()) {
      TlsMaterial tls = server.tls().orElseThrow();
      assertThat(server.uri()).hasToString("rediss://127.0.0.1:" + server.port());
      assertThat(List.of(tls.caCertificate(), tls.serverCertificate(), tls.serverKey()))
          .allSatisfy(file -> assertThat(file).isRegularFile());
      KeyStore truststore = KeyStore.getInstance(TlsMaterial.TRUSTSTORE_TYPE);
      try (InputStream in = Files.newInputStream(tls.truststore())) {
        truststore.load(in, tls.truststorePassword().toCharArray());
      }
      assertThat(truststore.size()).isEqualTo(1);

      try (RespConnection secure =
          RespConnection.open(RedisServer.HOST, server.port(), GENEROUS, tls.sslContext())) {
        assertThat(secure.command("PING")).isEqualTo("PONG");
      }
      try (RespConnection plain = RespConnection.open(server.port(), GENEROUS)) {
        // refused at once (reset or closed), not merely left unanswered
        assertThatThrownBy(() -> plain.command("PING"))
            .isInstanceOf(IOException.class)
            .isNotInstanceOf(SocketTimeoutException.class);
      }

      server.restart();
      assertThat(server.command("PING")).isEqualTo("PONG");
    }
  }

  /** A client that does not trust the generated CA fails the TLS handshake. */
  @Test
  void start_tls_clientWithoutTruststoreFailsHandshake() throws Exception {
    try (RedisServer server = RedisServer.builder().tls(true).start()) {
      assertThatThrownBy(
              () ->
                  RespConnection.open(
                          RedisServer.HOST, server.port(), GENEROUS, SSLContext.getDefault())
                      .close())
          .isInstanceOf(SSLException.class);
    }
  }

  /**
   * With ACL users and a default password: an unauthenticated client gets NOAUTH, the user
   * authenticates with its password, a wrong password is refused, and the kit's own commands work.
   */
  @Test
  void start_aclUsers_authenticateAndRefuseWrongPassword() throws IOException {
    try (RedisServer server =
            RedisServer.builder().defaultUserPassword("s3cret").user("alice", "wonder").start();
        RespConnection connection = server.connectWithoutAuth(GENEROUS)) {
      RedisCredentials alice = server.user("alice");

      assertThatThrownBy(() -> connection.command("PING"))
          .isInstanceOfSatisfying(RespException.class, e -> assertThat(e.code()).isEqualTo("NOAUTH"));
      assertThatThrownBy(() -> connection.command("AUTH", "alice", "wrong"))
          .isInstanceOfSatisfying(
              RespException.class, e -> assertThat(e.code()).isEqualTo("WRONGPASS"));
      assertThat(connection.command("AUTH", alice.username(), alice.password())).isEqualTo("OK");
      assertThat(connection.command("ACL", "WHOAMI")).isEqualTo("alice");
      assertThat(connection.command("SET", "k", "v")).isEqualTo("OK");

      assertThat(server.defaultUser()).contains(new RedisCredentials("default", "s3cret"));
      assertThat(server.command("GET", "k")).isEqualTo("v");
      assertThat(server.uri(alice)).hasToString("redis://alice:wonder@127.0.0.1:" + server.port());
      assertThat(alice.toString()).doesNotContain("wonder");
    }
  }

  /** Builder setters refuse what Redis or a URI could not take. */
  @Test
  void builder_badArguments_areRefused() {
    RedisServer.Builder builder = RedisServer.builder();
    assertThatThrownBy(() -> builder.user("bob", "with space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password");
    assertThatThrownBy(() -> builder.user("default", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.startTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("startTimeout must be > 0, but was PT0S");
    assertThatThrownBy(() -> builder.config("maxmemory 1mb\nport 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A server that cannot start fails with its log in the message, and leaves no process. */
  @Test
  void start_badDirective_failsQuotingTheLog() {
    assertThatThrownBy(() -> RedisServer.builder().config("no-such-directive yes").start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before answering PING")
        .hasMessageContaining("no-such-directive");
  }

  /** The embedded binary is extracted once per JVM and is executable. */
  @Test
  void embedded_calledTwice_isExtractedOnceAndExecutable() {
    Path binary = RedisBinary.embedded();

    assertThat(RedisBinary.embedded()).isSameAs(binary);
    assertThat(Files.isExecutable(binary)).isTrue();
  }
}
