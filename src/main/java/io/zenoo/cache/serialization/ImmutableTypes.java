package io.zenoo.cache.serialization;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

/** The JDK types whose instances cannot change, so that storing them by value needs no copy. */
final class ImmutableTypes {

  private static final Set<Class<?>> TYPES =
      Set.of(
          String.class,
          Boolean.class,
          Byte.class,
          Short.class,
          Character.class,
          Integer.class,
          Long.class,
          Float.class,
          Double.class,
          BigInteger.class,
          BigDecimal.class,
          UUID.class,
          URI.class,
          URL.class,
          Duration.class,
          Instant.class,
          LocalDate.class,
          LocalTime.class,
          LocalDateTime.class,
          OffsetDateTime.class,
          ZonedDateTime.class,
          Class.class);

  private ImmutableTypes() {}

  static boolean isImmutable(Object value) {
    Class<?> type = value.getClass();
    return TYPES.contains(type) || type.isEnum() || value instanceof Enum<?>;
  }
}
