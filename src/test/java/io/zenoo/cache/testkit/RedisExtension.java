package io.zenoo.cache.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts a {@link RedisServer} for a test class, or for each test, injects
 * it into parameters of type {@code RedisServer} and closes it afterwards.
 *
 * <pre>{@code
 * @ExtendWith(RedisExtension.class)               // one plain server per class
 * class SomeIT {
 *   @Test void get_afterPut_returnsValue(RedisServer server) { ... server.uri() ... }
 * }
 *
 * class OtherIT {
 *   @RegisterExtension
 *   static final RedisExtension REDIS = RedisExtension.builder()
 *       .server(RedisServer.builder().tls(true).user("app", "secret"))
 *       .scope(RedisExtension.Scope.PER_TEST)      // or PER_CLASS with flushAllBeforeEach(true)
 *       .build();
 * }
 * }</pre>
 *
 * <p>Per class, the server starts before {@code @BeforeAll} methods (or, when the extension is
 * registered on an instance field, before the first test) and is closed after the class, nested
 * classes included; before each test it is brought back to answering ({@link
 * RedisServer#ensureRunning()}), so a test that kills or pauses it does not break the next one, and
 * with {@link Builder#flushAllBeforeEach(boolean)} emptied. Per test, each test gets a new server,
 * closed after its {@code @AfterEach} methods; {@code @BeforeAll} methods and constructors cannot
 * have one. Register one {@code RedisExtension} per test class: two would compete for the
 * parameter.
 *
 * <p>Thread-safe: servers live in JUnit's extension store, one per class or test context.
 */
public final class RedisExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  /** How long one server lives. */
  public enum Scope {
    /** One server for the test class and its nested classes. */
    PER_CLASS,
    /** One server for each test. */
    PER_TEST
  }

  private static final Namespace NAMESPACE = Namespace.create(RedisExtension.class);
  private static final String KEY = "server";

  private final ServerSettings settings;
  private final Scope scope;
  private final boolean flushAllBeforeEach;

  /**
   * Creates the extension {@code @ExtendWith(RedisExtension.class)} uses: one plain server per
   * class, with no password, not flushed between tests.
   */
  public RedisExtension() {
    this(RedisServer.builder().settings(), Scope.PER_CLASS, /* flushAllBeforeEach= */ false);
  }

  private RedisExtension(ServerSettings settings, Scope scope, boolean flushAllBeforeEach) {
    this.settings = settings;
    this.scope = scope;
    this.flushAllBeforeEach = flushAllBeforeEach;
  }

  /** Returns a builder; by default it builds what the no-argument constructor makes. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (scope == Scope.PER_CLASS) {
      classServer(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (scope == Scope.PER_TEST) {
      testServer(context);
      return;
    }
    RedisServer server = classServer(context);
    server.ensureRunning();
    if (flushAllBeforeEach) {
      server.flushAll();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (scope == Scope.PER_TEST) {
      close(context.getStore(NAMESPACE).remove(KEY, RedisServer.class));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (scope == Scope.PER_CLASS) {
      // removes only what this class started: a nested class shares its enclosing class's server
      close(context.getStore(NAMESPACE).remove(KEY, RedisServer.class));
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RedisServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (scope == Scope.PER_CLASS) {
      return classServer(context);
    }
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "a per-test RedisServer exists only for tests and their @BeforeEach/@AfterEach methods,"
              + " not for "
              + parameter.getDeclaringExecutable());
    }
    return testServer(context);
  }

  private RedisServer classServer(ExtensionContext context) {
    ExtensionContext classContext = context;
    Optional<ExtensionContext> parent = context.getParent();
    while (classContext.getTestMethod().isPresent() && parent.isPresent()) {
      classContext = parent.get();
      parent = classContext.getParent();
    }
    // the lookup also finds a server an enclosing class started
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(KEY, key -> RedisServer.start(settings), RedisServer.class);
  }

  private RedisServer testServer(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(KEY, key -> RedisServer.start(settings), RedisServer.class);
  }

  private static void close(@Nullable RedisServer server) {
    if (server != null) {
      server.close();
    }
  }

  /** Collects the extension's options. Not thread-safe. */
  public static final class Builder {

    private RedisServer.Builder server = RedisServer.builder();
    private Scope scope = Scope.PER_CLASS;
    private boolean flushAllBeforeEach;

    private Builder() {}

    /**
     * Starts servers as this builder says (TLS, users, ...), as it is when {@link #build()} runs.
     * Default: a plain server with no password.
     */
    public Builder server(RedisServer.Builder server) {
      this.server = requireNonNull(server, "server");
      return this;
    }

    /** Sets how long one server lives. Default: {@link Scope#PER_CLASS}. */
    public Builder scope(Scope scope) {
      this.scope = requireNonNull(scope, "scope");
      return this;
    }

    /**
     * Sends {@code FLUSHALL} before each test to a per-class server. Default: {@code false}. A
     * per-test server starts empty anyway.
     */
    public Builder flushAllBeforeEach(boolean flushAllBeforeEach) {
      this.flushAllBeforeEach = flushAllBeforeEach;
      return this;
    }

    /** Returns the extension. */
    public RedisExtension build() {
      return new RedisExtension(server.settings(), scope, flushAllBeforeEach);
    }
  }
}
