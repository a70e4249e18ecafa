package io.zenoo.cache.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final long MS = 1_000_000L;

  @Test
  void nominalDelay_isBaseTimesTwoToTheAttemptMinusTwo_cappedAtMax() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 1d);

    assertThat(backoff.nominalNanos(1)).isZero();
    assertThat(backoff.nominalNanos(2)).isEqualTo(100 * MS);
    assertThat(backoff.nominalNanos(3)).isEqualTo(200 * MS);
    assertThat(backoff.nominalNanos(4)).isEqualTo(400 * MS);
    assertThat(backoff.nominalNanos(5)).isEqualTo(800 * MS);
    assertThat(backoff.nominalNanos(6)).isEqualTo(1_000 * MS);
    assertThat(backoff.nominalNanos(70)).as("no overflow far down the schedule").isEqualTo(1_000 * MS);
    assertThat(backoff.nominalNanos(Long.MAX_VALUE)).isEqualTo(1_000 * MS);
  }

  @Test
  void jitter_staysInTheUpperHalfOfTheNominalDelay() {
    Backoff lowest = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60), () -> 0d);
    Backoff highest = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60), () -> 0.999_999_999d);
    Backoff random = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60));

    assertThat(lowest.delayNanos(3)).isEqualTo(100 * MS);
    assertThat(highest.delayNanos(3)).isBetween(199 * MS, 200 * MS);
    for (int attempt = 2; attempt < 30; attempt++) {
      long nominal = random.nominalNanos(attempt);
      for (int i = 0; i < 200; i++) {
        assertThat(random.delayNanos(attempt)).isBetween(nominal / 2, nominal);
      }
    }
  }

  @Test
  void badParameters_areRefusedWithTheirNames() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("retry_backoff_base must be > 0, but was PT0S");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("retry_backoff_max must be >= retry_backoff_base (PT2S), but was PT1S");
  }
}
