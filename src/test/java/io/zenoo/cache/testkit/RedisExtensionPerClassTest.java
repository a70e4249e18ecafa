package io.zenoo.cache.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A per-class server is shared by every test of the class and its nested classes, emptied before
 * each test when asked, and brought back before the next test when one kills or pauses it.
 */
@TestMethodOrder(OrderAnnotation.class)
class RedisExtensionPerClassTest {

  @RegisterExtension
  static final RedisExtension REDIS = RedisExtension.builder().flushAllBeforeEach(true).build();

  private static RedisServer shared;

  @BeforeAll
  static void rememberServer(RedisServer server) {
    shared = server;
  }

  @Test
  @Order(1)
  void test_first_getsTheClassServerEmpty(RedisServer server) {
    assertThat(server).isSameAs(shared);
    assertThat(server.command("DBSIZE")).isEqualTo(0L);
    server.command("SET", "left-by", "first");
  }

  @Test
  @Order(2)
  void test_afterAnotherTest_getsTheSameServerFlushed(RedisServer server) {
    assertThat(server).isSameAs(shared);
    assertThat(server.command("DBSIZE")).isEqualTo(0L);
    server.kill();
  }

  @Test
  @Order(3)
  void test_afterKill_getsTheServerRestartedOnItsPort(RedisServer server) {
    assertThat(server).isSameAs(shared);
    assertThat(server.isRunning()).isTrue();
    assertThat(server.command("PING")).isEqualTo("PONG");
    server.pause();
  }

  @Test
  @Order(4)
  void test_afterPause_getsTheServerResumed(RedisServer server) {
    assertThat(server.isRunning()).isTrue();
    assertThat(server.command("PING")).isEqualTo("PONG");
  }

  @Nested
  class Inner {

    @Test
    void test_nestedClass_sharesTheEnclosingServer(RedisServer server) {
      assertThat(server).isSameAs(shared);
      assertThat(server.isRunning()).isTrue();
    }
  }
}
