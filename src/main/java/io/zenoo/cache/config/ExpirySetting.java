package io.zenoo.cache.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.Factory;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * Reads the {@code expiry} setting of a configuration file: {@code eternal}, or one of the JCache standard
 * policies with its duration in seconds (fractions allowed), {@code created:<s>}, {@code accessed:<s>},
 * {@code modified:<s>} or {@code touched:<s>}. JCache durations count milliseconds at the finest, so a
 * shorter duration rounds up to 1 ms.
 *
 * <p>Stateless and thread safe.
 */
final class ExpirySetting {

  /** What {@link #parse} accepts, for messages. */
  static final String EXPECTED =
      "eternal, created:<seconds>, accessed:<seconds>, modified:<seconds> or touched:<seconds>"
          + " with a positive number of seconds such as created:600 or accessed:0.5";

  private ExpirySetting() {}

  /**
   * Returns the expiry policy factory the value names.
   *
   * @throws IllegalArgumentException naming what was expected, if the value is not one of the forms above
   */
  static Factory<ExpiryPolicy> parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("eternal")) {
      return EternalExpiryPolicy.factoryOf();
    }
    int colon = v.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("Invalid expiry '" + value + "': expected " + EXPECTED);
    }
    javax.cache.expiry.Duration duration = duration(value, v.substring(colon + 1).trim());
    return switch (v.substring(0, colon).trim()) {
      case "created" -> CreatedExpiryPolicy.factoryOf(duration);
      case "accessed" -> AccessedExpiryPolicy.factoryOf(duration);
      case "modified" -> ModifiedExpiryPolicy.factoryOf(duration);
      case "touched" -> TouchedExpiryPolicy.factoryOf(duration);
      default -> throw new IllegalArgumentException("Invalid expiry '" + value + "': expected " + EXPECTED);
    };
  }

  /** Returns a created-expiry policy factory of the duration, or the eternal one for null. */
  static Factory<ExpiryPolicy> created(@org.jspecify.annotations.Nullable Duration ttl) {
    if (ttl == null) {
      return EternalExpiryPolicy.factoryOf();
    }
    return CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, millis(ttl)));
  }

  private static javax.cache.expiry.Duration duration(String value, String seconds) {
    try {
      BigDecimal s = new BigDecimal(seconds);
      if (s.signum() <= 0) {
        throw new IllegalArgumentException("Invalid expiry '" + value + "': expected " + EXPECTED);
      }
      Duration d = Duration.ofNanos(s.movePointRight(9).longValueExact());
      return new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, millis(d));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("Invalid expiry '" + value + "': expected " + EXPECTED, e);
    }
  }

  private static long millis(Duration d) {
    return Math.max(1, d.toMillis());
  }
}
