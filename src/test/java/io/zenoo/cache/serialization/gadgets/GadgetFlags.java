package io.zenoo.cache.serialization.gadgets;

/** Records whether any code of a gadget class ran. Kept apart so that reading a flag loads no gadget. */
public final class GadgetFlags {

  public static volatile boolean staticInitializerRan;
  public static volatile boolean constructorRan;
  public static volatile boolean setterRan;
  public static volatile boolean readObjectRan;

  private GadgetFlags() {}

  public static void reset() {
    staticInitializerRan = false;
    constructorRan = false;
    setterRan = false;
    readObjectRan = false;
  }

  public static boolean anyRan() {
    return staticInitializerRan || constructorRan || setterRan || readObjectRan;
  }
}
