package io.zenoo.cache.serialization.acme;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A subclass of a serializable class. */
public final class Dog extends Animal {

  private static final long serialVersionUID = 1L;

  private final String breed;

  public Dog(String name, String breed) {
    super(name);
    this.breed = breed;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Dog d && name.equals(d.name) && breed.equals(d.breed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, breed);
  }
}
