package io.zenoo.cache.serialization.acme;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A record of the application's package, with java.time fields and a list. */
public record Person(String name, LocalDate born, List<String> tags, Instant created) implements Serializable {

  private static final long serialVersionUID = 1L;

  public static Person ada() {
    return new Person(
        "Ada", LocalDate.of(1815, 12, 10), List.of("math", "engines"), Instant.parse("2024-05-01T10:15:30Z"));
  }
}
