package io.zenoo.cache.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The breaker's semantics on Resilience4j, with a clock the test moves. */
class CircuitTest {

  /** A java.time clock that moves only when told. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock();
  private final Circuit circuit = new Circuit("Redis at test", 3, Duration.ofSeconds(10), clock);
  private final RuntimeException down = new RuntimeException("down");

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(circuit.tryAcquire()).isTrue();
      circuit.onFailure(down);
    }
  }

  private void succeed() {
    assertThat(circuit.tryAcquire()).isTrue();
    circuit.onSuccess();
  }

  @Test
  void opensOnlyAfterThresholdConsecutiveFailures() {
    fail(2);
    succeed();
    fail(2);
    assertThat(circuit.state()).isEqualTo("closed");

    fail(1);

    assertThat(circuit.state()).isEqualTo("open");
    assertThat(circuit.trips()).isEqualTo(1);
    assertThat(circuit.tryAcquire()).as("open sends nothing").isFalse();
  }

  @Test
  void afterTheTimeout_oneProbe_whoseSuccessCloses() {
    fail(3);
    clock.advance(Duration.ofSeconds(10));
    assertThat(circuit.tryAcquire()).as("not before the timeout has passed").isFalse();

    clock.advance(Duration.ofMillis(1));
    assertThat(circuit.tryAcquire()).as("the probe").isTrue();
    assertThat(circuit.state()).isEqualTo("half_open");
    assertThat(circuit.tryAcquire()).as("only one probe at a time").isFalse();
    circuit.onSuccess();

    assertThat(circuit.state()).isEqualTo("closed");
    assertThat(circuit.history()).containsExactly("closed→open", "open→half_open", "half_open→closed");
  }

  @Test
  void aFailedProbe_reopensForAnotherTimeout() {
    fail(3);
    clock.advance(Duration.ofSeconds(11));
    assertThat(circuit.tryAcquire()).isTrue();
    circuit.onFailure(down);

    assertThat(circuit.state()).isEqualTo("open");
    assertThat(circuit.trips()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(5));
    assertThat(circuit.tryAcquire()).isFalse();
  }

  @Test
  void open_atStartUp_waitsTheTimeoutToo() {
    circuit.open();
    assertThat(circuit.state()).isEqualTo("open");
    assertThat(circuit.tryAcquire()).isFalse();
    clock.advance(Duration.ofSeconds(11));
    succeed();
    assertThat(circuit.state()).isEqualTo("closed");
  }

  @Test
  void eachTransition_isLoggedOnce_warnWhenItOpens_infoOtherwise() {
    // slf4j-simple writes to System.err, read at each line: capture it around the transitions
    java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
    java.io.PrintStream originalErr = System.err;
    System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      fail(3);
      for (int i = 0; i < 50; i++) {
        assertThat(circuit.tryAcquire()).isFalse(); // rejected calls log nothing
      }
      clock.advance(Duration.ofSeconds(11));
      succeed();
    } finally {
      System.setErr(originalErr);
    }
    java.util.List<String> lines = logged.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
        .filter(line -> line.contains("Circuit of Redis at test")).toList();

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("WARN").contains("opened (closed → open)");
    assertThat(lines.get(1)).contains("INFO").contains("half open");
    assertThat(lines.get(2)).contains("INFO").contains("closed (half_open → closed)");
  }

  /** On the system clock, an open circuit rejects without reading the clock until a timer ends the wait. */
  @Test
  void onTheSystemClock_theOpenWaitEnds_andTheNextCallProbes() {
    Circuit real = new Circuit("Redis at test", 1, Duration.ofMillis(300), Clock.systemUTC());
    real.open();
    assertThat(real.tryAcquire()).isFalse();

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(real::tryAcquire);
    assertThat(real.state()).isEqualTo("half_open");
    real.onSuccess();
    assertThat(real.state()).isEqualTo("closed");
    assertThat(real.tryAcquire()).isTrue();
  }

  @Test
  void thresholdZero_meansNoBreaker() {
    Circuit none = new Circuit("Redis at test", 0, Duration.ofSeconds(10), clock);
    for (int i = 0; i < 100; i++) {
      assertThat(none.tryAcquire()).isTrue();
      none.onFailure(down);
    }
    assertThat(none.state()).isEqualTo("closed");
    assertThat(none.trips()).isZero();
  }
}
