package io.zenoo.cache.serialization.acme;

import java.io.Serializable;

/** A serializable superclass: its descriptor travels with every subclass in a Java stream. */
public class Animal implements Serializable {

  private static final long serialVersionUID = 1L;

  protected final String name;

  public Animal(String name) {
    this.name = name;
  }
}
