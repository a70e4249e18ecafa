package io.zenoo.cache.serialization.acme;

/** An enum of the application, one constant with a body (an anonymous subclass). */
public enum Color {
  RED,
  GREEN {
    @Override
    public String toString() {
      return "green";
    }
  },
  BLUE
}
