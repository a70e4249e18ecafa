package io.zenoo.cache.serialization.gadgets;

/** A bean whose constructor and setter stand for a gadget's side effect. */
public class BeanGadget {

  private String command = "";

  public BeanGadget() {
    GadgetFlags.constructorRan = true;
  }

  public String getCommand() {
    return command;
  }

  public void setCommand(String command) {
    GadgetFlags.setterRan = true;
    this.command = command;
  }
}
