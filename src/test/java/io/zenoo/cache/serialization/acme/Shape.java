package io.zenoo.cache.serialization.acme;

import java.io.Serializable;

/** A sealed interface of the application: caches declared with it need type ids. */
public sealed interface Shape extends Serializable permits Shape.Circle, Shape.Square {

  record Circle(double radius) implements Shape {}

  record Square(double side) implements Shape {}
}
