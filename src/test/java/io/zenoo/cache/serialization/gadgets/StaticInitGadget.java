package io.zenoo.cache.serialization.gadgets;

/** A class whose static initializer stands for a gadget's side effect; tests only ever name it. */
public class StaticInitGadget {

  static {
    GadgetFlags.staticInitializerRan = true;
  }

  public StaticInitGadget() {
    GadgetFlags.constructorRan = true;
  }
}
