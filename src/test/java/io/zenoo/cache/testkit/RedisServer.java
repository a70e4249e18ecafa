package io.zenoo.cache.testkit;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.jspecify.annotations.Nullable;

/**
 * One {@code redis-server} process for tests, with the faults that tests inject into it.
 *
 * <p><b>What.</b> The server listens on {@value #HOST} only, on a port the operating system reported
 * free (picked again, up to {@value #BIND_ATTEMPTS} times, when another process takes it first),
 * with no persistence ({@code save ""}, {@code appendonly no}), in the foreground, in a temporary
 * directory of its own that holds its generated {@code redis.conf}, its TLS material and its log
 * {@code redis.log}; every failure message quotes the log's tail. The binary comes from {@link
 * Builder#binary(Path)}, else the environment variable {@code REDIS_SERVER}, else {@code
 * redis-server} on the {@code PATH}, else the one in {@code embedded-redis}. Starting returns once
 * the server answers {@code PING}, awaited for at most {@link Builder#startTimeout(Duration)}.
 *
 * <p><b>States.</b> {@code running} —{@link #pause()}→ {@code paused} —{@link #resume()}→ {@code
 * running}; {@link #stop()} or {@link #kill()} → {@code stopped} —{@link #restart()}→ {@code
 * running}, on the same port with the same configuration, TLS material and users, and no data;
 * {@link #close()} from any state → {@code closed}, for good, with the directory deleted.
 *
 * <p><b>Concurrency.</b> Thread-safe: operations on one server run one at a time.
 *
 * <p><b>Failure.</b> Operations that cannot do what they say throw {@link IllegalStateException}
 * naming the server and quoting its log. No process outlives the JVM that started it: a shutdown
 * hook SIGKILLs every one still running (a JVM that is itself SIGKILLed cannot run it).
 */
public final class RedisServer implements AutoCloseable {

  /** The only address servers listen on. */
  public static final String HOST = "127.0.0.1";

  /** How long a start may take by default until the server answers PING. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(15);

  /** How long the kit's own commands, and the wait for a signal's effect, may take by default. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final int BIND_ATTEMPTS = 5;
  private static final int LOG_TAIL_LINES = 40;

  private enum State {
    RUNNING,
    PAUSED,
    STOPPED,
    CLOSED
  }

  private final ServerSettings settings;
  private final Path binary;
  private final Path directory;
  private final Path configFile;
  private final Path logFile;
  private final @Nullable TlsMaterial tls;

  // guarded by this; the port is fixed once the first start succeeded
  private int port;
  private @Nullable Process process;
  private State state = State.STOPPED;

  private RedisServer(
      ServerSettings settings, Path binary, Path directory, @Nullable TlsMaterial tls) {
    this.settings = settings;
    this.binary = binary;
    this.directory = directory;
    this.configFile = directory.resolve("redis.conf");
    this.logFile = directory.resolve("redis.log");
    this.tls = tls;
  }

  /** Returns a builder of servers; each {@link Builder#start()} starts a new one. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a plain server with no password: {@code builder().start()}. */
  public static RedisServer start() {
    return builder().start();
  }

  static RedisServer start(ServerSettings settings) {
    Path binary = settings.binary() != null ? settings.binary() : RedisBinary.locate();
    Path directory;
    TlsMaterial tls;
    try {
      directory = Files.createTempDirectory("zenoo-redis-");
      ProcessControl.deleteOnExit(directory);
      tls = settings.tls() ? TlsMaterial.generate(directory) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a redis-server directory", e);
    }
    RedisServer server = new RedisServer(settings, binary, directory, tls);
    try {
      server.startOnFreePort();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Returns the port the server listens on: its TLS port if it uses TLS. Never changes. */
  public synchronized int port() {
    return port;
  }

  /** Returns {@code redis://127.0.0.1:<port>}, or {@code rediss://...} with TLS; no credentials. */
  public URI uri() {
    return URI.create(scheme() + "://" + HOST + ":" + port());
  }

  /** Returns {@link #uri()} with the given user and password in it, URL-encoded. */
  public URI uri(RedisCredentials credentials) {
    return URI.create(
        scheme()
            + "://"
            + URLEncoder.encode(credentials.username(), StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(credentials.password(), StandardCharsets.UTF_8)
            + "@"
            + HOST
            + ":"
            + port());
  }

  /** Returns the certificates and truststore, if the server listens with TLS. */
  public Optional<TlsMaterial> tls() {
    return Optional.ofNullable(tls);
  }

  /** Returns the default user's credentials, if it needs a password. */
  public Optional<RedisCredentials> defaultUser() {
    String password = settings.defaultUserPassword();
    return password == null
        ? Optional.empty()
        : Optional.of(new RedisCredentials(RedisCredentials.DEFAULT_USER, password));
  }

  /** Returns the ACL users created besides the default one, in the order they were added. */
  public List<RedisCredentials> users() {
    return settings.users();
  }

  /**
   * Returns the credentials of one ACL user.
   *
   * @throws IllegalArgumentException if no such user was created
   */
  public RedisCredentials user(String username) {
    return settings.users().stream()
        .filter(user -> user.username().equals(username))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no ACL user '" + username + "'"));
  }

  /** Returns the binary this server runs. */
  public Path binary() {
    return binary;
  }

  /** Returns the server's working directory (configuration, TLS material, log). */
  public Path directory() {
    return directory;
  }

  /** Returns the log file; it holds the output of every start of this server. */
  public Path logFile() {
    return logFile;
  }

  /** Returns the whole log so far, or an empty string once the server is closed. */
  public String log() {
    try {
      return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Returns the process id of the current, or last, process. */
  public synchronized long pid() {
    return requireNonNull(process, "process").pid();
  }

  /** Returns whether the process is alive and not paused. */
  public synchronized boolean isRunning() {
    return state == State.RUNNING && process != null && process.isAlive();
  }

  /** Returns whether the process is paused by {@link #pause()}. */
  public synchronized boolean isPaused() {
    return state == State.PAUSED;
  }

  /**
   * Opens a connection, authenticated as the default user if it has a password, with reads bounded
   * by {@link #DEFAULT_COMMAND_TIMEOUT}.
   */
  public RespConnection connect() throws IOException {
    return connect(settings.commandTimeout());
  }

  /** Opens a connection, authenticated as the default user if it has a password. */
  public RespConnection connect(Duration timeout) throws IOException {
    RespConnection connection = connectWithoutAuth(timeout);
    Optional<RedisCredentials> user = defaultUser();
    if (user.isPresent()) {
      try {
        connection.command("AUTH", user.get().password());
      } catch (IOException | RuntimeException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  /** Opens a connection that has not authenticated, over TLS if the server uses it. */
  public RespConnection connectWithoutAuth(Duration timeout) throws IOException {
    return RespConnection.open(HOST, port(), timeout, tls == null ? null : tls.sslContext());
  }

  /**
   * Runs one command on a new connection, as the default user, and returns its reply.
   *
   * @throws RespException if the server answers with an error
   * @throws UncheckedIOException if the server cannot be reached or does not answer in time
   */
  public @Nullable Object command(String... arguments) {
    try (RespConnection connection = connect()) {
      return connection.command(arguments);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "'" + String.join(" ", arguments) + "' failed on " + describe(), e);
    }
  }

  /** Returns every key matching the glob pattern, found with {@code SCAN} (never {@code KEYS}). */
  public java.util.List<String> scanKeys(String pattern) {
    java.util.List<String> found = new java.util.ArrayList<>();
    String cursor = "0";
    do {
      java.util.List<?> reply = (java.util.List<?>) command("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = String.valueOf(reply.get(0));
      ((java.util.List<?>) reply.get(1)).forEach(key -> found.add(String.valueOf(key)));
    } while (!cursor.equals("0"));
    return found;
  }

  /** Deletes every key of every database. */
  public void flushAll() {
    command("FLUSHALL");
  }

  /**
   * Closes every client connection (normal and pub/sub) except the kit's own, as with {@code
   * CLIENT KILL TYPE normal}; the server keeps running.
   *
   * @return how many connections were closed
   */
  public synchronized int killClients() {
    requireState(State.RUNNING, "killClients");
    try (RespConnection connection = connect()) {
      long normal = count(connection.command("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"));
      long pubsub = count(connection.command("CLIENT", "KILL", "TYPE", "pubsub", "SKIPME", "yes"));
      return Math.toIntExact(normal + pubsub);
    } catch (IOException e) {
      throw failure("could not close its clients", e);
    }
  }

  /**
   * Stops the server gracefully ({@code SHUTDOWN NOSAVE}; SIGTERM, then SIGKILL, if it does not
   * exit in time) and waits until the process has exited. A paused server is resumed first. Does
   * nothing if it is already stopped.
   */
  public synchronized void stop() {
    requireOpen("stop");
    Process current = requireNonNull(process, "process");
    if (state == State.STOPPED) {
      return;
    }
    if (state == State.PAUSED) {
      ProcessControl.signal(current, "CONT", settings.commandTimeout());
    }
    boolean asked = false;
    try (RespConnection connection = connect(settings.commandTimeout())) {
      asked = true;
      connection.command("SHUTDOWN", "NOSAVE");
    } catch (IOException e) {
      // expected once connected: the server closes the connection instead of answering
    } catch (RespException e) {
      asked = false;
    }
    if (!asked || !ProcessControl.awaitExit(current, settings.commandTimeout())) {
      current.destroy();
      if (!ProcessControl.awaitExit(current, settings.commandTimeout())) {
        current.destroyForcibly();
        if (!ProcessControl.awaitExit(current, settings.commandTimeout())) {
          throw failure("did not exit after SHUTDOWN, SIGTERM and SIGKILL", null);
        }
      }
    }
    ProcessControl.unregister(current);
    state = State.STOPPED;
  }

  /**
   * Kills the process with SIGKILL, as a crash would, and waits until it has exited. Clients see
   * their connections reset and new connections refused. Does nothing if it is already stopped.
   */
  public synchronized void kill() {
    requireOpen("kill");
    Process current = requireNonNull(process, "process");
    if (state == State.STOPPED) {
      return;
    }
    current.destroyForcibly();
    if (!ProcessControl.awaitExit(current, settings.commandTimeout())) {
      throw failure("did not exit after SIGKILL", null);
    }
    ProcessControl.unregister(current);
    state = State.STOPPED;
  }

  /**
   * Freezes the process with SIGSTOP, as a long GC pause or a stalled host would: connections stay
   * open and new ones are accepted by the kernel, but nothing is answered until {@link #resume()}.
   * Returns once the operating system reports the process stopped (on Linux).
   */
  public synchronized void pause() {
    requireState(State.RUNNING, "pause");
    ProcessControl.signal(requireNonNull(process, "process"), "STOP", settings.commandTimeout());
    state = State.PAUSED;
  }

  /**
   * Lets a paused process go on with SIGCONT; commands sent meanwhile are then answered. Returns once
   * the operating system reports the process no longer stopped (on Linux).
   */
  public synchronized void resume() {
    requireState(State.PAUSED, "resume");
    ProcessControl.signal(requireNonNull(process, "process"), "CONT", settings.commandTimeout());
    state = State.RUNNING;
  }

  /**
   * Starts the server again on the same port, stopping it gracefully first if it runs, and returns
   * once it answers PING. It starts empty: nothing is persisted.
   *
   * @throws IllegalStateException if it cannot start, for instance because another process took
   *     the port meanwhile
   */
  public synchronized void restart() {
    requireOpen("restart");
    if (state != State.STOPPED) {
      stop();
    }
    launchAndAwaitReady();
  }

  /**
   * Brings the server back to answering, whatever a test did to it: resumes it if paused, restarts
   * it on the same port if stopped or if its process died.
   */
  public synchronized void ensureRunning() {
    requireOpen("ensureRunning");
    if (state == State.PAUSED) {
      resume();
    } else if (!isRunning()) {
      restart();
    }
  }

  /**
   * Kills the process if it runs (SIGKILL: nothing is persisted, so nothing is lost) and deletes the
   * server's directory. Idempotent; every other operation fails afterwards.
   */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    Process current = process;
    if (current != null) {
      current.destroyForcibly();
      ProcessControl.awaitExit(current, settings.commandTimeout());
      ProcessControl.unregister(current);
    }
    ProcessControl.deleteDirectory(directory);
  }

  @Override
  public synchronized String toString() {
    return "RedisServer[" + uri() + ", " + state.name().toLowerCase(Locale.ROOT) + "]";
  }

  private void startOnFreePort() {
    for (int attempt = 1; ; attempt++) {
      port = settings.clusterEnabled() ? freePortWithBus() : freePort();
      long logged = logSize();
      try {
        launchAndAwaitReady();
        return;
      } catch (IllegalStateException e) {
        boolean raced = state == State.STOPPED && logSince(logged).contains("Address already in use");
        if (!raced || attempt == BIND_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private void launchAndAwaitReady() {
    Process started;
    try {
      Files.write(configFile, settings.configuration(port, directory, tls));
      started =
          new ProcessBuilder(command())
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      ProcessControl.register(started);
      started.getOutputStream().close();
    } catch (IOException e) {
      throw failure("could not be started", e);
    }
    process = started;
    state = State.RUNNING;
    try {
      await("redis-server on port " + port + " answers PING")
          .atMost(settings.startTimeout())
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(10))
          .failFast("redis-server exited", () -> !started.isAlive())
          .until(this::answersPing);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      started.destroyForcibly();
      ProcessControl.awaitExit(started, settings.commandTimeout());
      ProcessControl.unregister(started);
      state = State.STOPPED;
      String what =
          e instanceof ConditionTimeoutException
              ? "did not answer PING within " + settings.startTimeout()
              : "exited with code " + started.exitValue() + " before answering PING";
      throw failure(what, null);
    }
  }

  private List<String> command() {
    List<String> command = new ArrayList<>(List.of(binary.toString(), configFile.toString()));
    if (settings.sentinel()) {
      command.add("--sentinel");
    }
    return command;
  }

  private boolean answersPing() {
    try (RespConnection connection = connect(PROBE_TIMEOUT)) {
      return "PONG".equals(connection.command("PING"));
    } catch (IOException | RespException e) {
      return false;
    }
  }

  private String scheme() {
    return tls == null ? "redis" : "rediss";
  }

  private void requireOpen(String operation) {
    if (state == State.CLOSED) {
      throw new IllegalStateException(operation + " on a closed server: " + this);
    }
  }

  private void requireState(State required, String operation) {
    if (state != required) {
      throw new IllegalStateException(
          operation
              + " needs a "
              + required.name().toLowerCase(Locale.ROOT)
              + " server: "
              + this);
    }
  }

  private static long count(@Nullable Object reply) {
    return reply instanceof Long n ? n : 0L;
  }

  private IllegalStateException failure(String what, @Nullable Throwable cause) {
    return new IllegalStateException(
        describe() + " " + what + "; last lines of " + logFile + ":\n" + logTail(), cause);
  }

  private String describe() {
    return "redis-server " + binary + " on port " + port;
  }

  private String logTail() {
    List<String> lines = log().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
  }

  private long logSize() {
    try {
      return Files.exists(logFile) ? Files.size(logFile) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private String logSince(long offset) {
    String log = log();
    return offset < log.length() ? log.substring((int) offset) : "";
  }

  /**
   * Returns a free port whose cluster bus port (port + 10000; Redis 6.2 cannot move it) is free too:
   * both below the kernel's usual ephemeral range (32768 up), where no connection takes them meanwhile.
   */
  private static int freePortWithBus() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 1000; attempt++) {
      // from 10100: the TCK's support servers listen on fixed ports 10000..10011
      int candidate = 10_100 + random.nextInt(12_000);
      if (isFree(candidate) && isFree(candidate + 10_000)) {
        return candidate;
      }
    }
    throw new IllegalStateException("found no free port pair (p, p + 10000) on " + HOST);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + HOST, e);
    }
  }

  /**
   * Collects what servers to start; {@link #start()} may be called many times, each time for a new
   * server with its own port, directory and certificates. Setters validate their argument. Not
   * thread-safe.
   */
  public static final class Builder {

    private @Nullable Path binary;
    private boolean tls;
    private @Nullable String defaultUserPassword;
    private final Map<String, RedisCredentials> users = new LinkedHashMap<>();
    private final List<String> directives = new ArrayList<>();
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private boolean sentinel;

    private Builder() {}

    /**
     * Runs this binary instead of the one the kit finds ({@code REDIS_SERVER}, {@code PATH},
     * embedded).
     */
    public Builder binary(Path binary) {
      requireNonNull(binary, "binary");
      if (!Files.isExecutable(binary)) {
        throw new IllegalArgumentException("binary must be an executable file, but was " + binary);
      }
      this.binary = binary;
      return this;
    }

    /**
     * Listens with TLS only ({@code tls-port}, plain {@code port 0}), with a certificate from a
     * throwaway CA generated for this server; clients trust it through {@link
     * RedisServer#tls()}. Default: plain text.
     */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Requires this password from the default user, the one unauthenticated connections run as.
     * Default: none.
     */
    public Builder defaultUserPassword(String password) {
      this.defaultUserPassword =
          new RedisCredentials(RedisCredentials.DEFAULT_USER, password).password();
      return this;
    }

    /**
     * Creates an ACL user with this password and every right: {@code user <name> on >password ~*
     * &* +@all} (Redis 6.2 or later). A second call for the same name replaces the password.
     */
    public Builder user(String username, String password) {
      RedisCredentials user = new RedisCredentials(username, password);
      if (username.equals(RedisCredentials.DEFAULT_USER)) {
        throw new IllegalArgumentException("use defaultUserPassword(...) for the default user");
      }
      users.put(username, user);
      return this;
    }

    /**
     * Adds one line to the server's {@code redis.conf}, after the kit's own, for instance {@code
     * "maxmemory 10mb"}.
     */
    public Builder config(String directive) {
      requireNonNull(directive, "directive");
      if (directive.isBlank() || directive.contains("\n") || directive.contains("\r")) {
        throw new IllegalArgumentException(
            "directive must be one non-blank line, but was '" + directive + "'");
      }
      directives.add(directive);
      return this;
    }

    /**
     * Runs the process as a Redis Sentinel ({@code redis-server redis.conf --sentinel}); its {@code
     * sentinel ...} lines come from {@link #config(String)}, and Sentinel rewrites the file as it
     * learns. Default: a plain server. {@link RedisSentinel} sets it up whole.
     */
    public Builder sentinel(boolean sentinel) {
      this.sentinel = sentinel;
      return this;
    }

    /** Bounds how long a start may take until the server answers PING. Default: 15 s. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = positive("startTimeout", timeout);
      return this;
    }

    /**
     * Bounds the kit's own commands ({@code SHUTDOWN}, {@code CLIENT KILL}, ...) and the wait for
     * a process to exit or to stop on a signal. Default: 5 s.
     */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = positive("commandTimeout", timeout);
      return this;
    }

    /** Starts a new server and returns once it answers PING. */
    public RedisServer start() {
      return RedisServer.start(settings());
    }

    ServerSettings settings() {
      return new ServerSettings(
          binary,
          tls,
          defaultUserPassword,
          List.copyOf(users.values()),
          directives,
          startTimeout,
          commandTimeout,
          sentinel);
    }

    private static Duration positive(String name, Duration value) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be > 0, but was " + value);
      }
      return value;
    }
  }
}
