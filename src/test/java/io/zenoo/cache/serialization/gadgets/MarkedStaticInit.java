package io.zenoo.cache.serialization.gadgets;

/** A {@link Marker} whose static initializer records that it ran. */
public class MarkedStaticInit implements Marker {

  static {
    GadgetFlags.staticInitializerRan = true;
  }
}
