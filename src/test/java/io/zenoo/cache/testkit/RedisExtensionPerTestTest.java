package io.zenoo.cache.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A per-test server is new for each test, the same one in {@code @BeforeEach} and the test, of the
 * configured kind, and closed after the test.
 */
class RedisExtensionPerTestTest {

  @RegisterExtension
  static final RedisExtension REDIS =
      RedisExtension.builder()
          .server(RedisServer.builder().defaultUserPassword("pw"))
          .scope(RedisExtension.Scope.PER_TEST)
          .build();

  private static final List<RedisServer> SEEN = new ArrayList<>();

  private RedisServer beforeEach;

  @BeforeEach
  void remember(RedisServer server) {
    beforeEach = server;
  }

  @RepeatedTest(2)
  void test_each_getsItsOwnConfiguredServer(RedisServer server) {
    assertThat(server).isSameAs(beforeEach);
    assertThat(SEEN).doesNotContain(server).allSatisfy(s -> assertThat(s.isRunning()).isFalse());
    assertThat(server.defaultUser()).isPresent();
    assertThat(server.command("PING")).isEqualTo("PONG");
    SEEN.add(server);
  }

  @AfterAll
  static void serversAreClosed() {
    assertThat(SEEN).hasSize(2).allSatisfy(s -> assertThat(s.isRunning()).isFalse());
  }
}
