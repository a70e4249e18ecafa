package io.zenoo.cache.serialization.gadgets;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/** A serializable class whose readObject stands for a gadget's side effect. */
public class SerializableGadget implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String command;

  public SerializableGadget(String command) {
    this.command = command;
  }

  public String command() {
    return command;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    GadgetFlags.readObjectRan = true;
    in.defaultReadObject();
  }
}
