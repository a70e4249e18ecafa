package io.zenoo.cache.serialization;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The allow-list and limits of one Java serialization stream, read or written: decides class names before
 * they are loaded, classes after, and the stream's size, depth, object count and array lengths (as the
 * stream's {@link ObjectInputFilter}). Remembers the first refusal, so that the codec can say what was
 * refused (the JDK only reports "filter status: REJECTED").
 *
 * <p>A serializable class's descriptor is followed in the stream by those of its serializable superclasses;
 * once a class is admitted, those superclasses are admitted too (they are part of its serialized form and
 * already loaded with it), so that allowing {@code com.acme.Dog} does not require {@code com.acme.Animal}.
 *
 * <p>One gate per stream; not thread-safe.
 */
final class SerializationGate implements ObjectInputFilter {

  private final AllowList allowList;
  private final ClassLoader loader;
  private final JavaSerializationCodec.Limits limits;
  private final Map<String, Class<?>> inherited = new HashMap<>();
  private @Nullable String refusal;
  private boolean discarding;

  SerializationGate(AllowList allowList, ClassLoader loader, JavaSerializationCodec.Limits limits) {
    this.allowList = allowList;
    this.loader = loader;
    this.limits = limits;
  }

  /** Returns whether the class of this name may be loaded: checked before anything is loaded. */
  boolean admitsName(String className) {
    return inherited.containsKey(className) || allowList.allows(className, loader);
  }

  /** Returns whether this class may be read or written. */
  boolean admits(Class<?> type) {
    if (discarding) {
      return true;
    }
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    return inherited.get(element.getName()) == element || allowList.allows(element);
  }

  /** Records an admitted class, so that its serializable superclasses are admitted with it. */
  void admitted(Class<?> type) {
    Class<?> c = type.getSuperclass();
    while (c != null && Serializable.class.isAssignableFrom(c)) {
      inherited.putIfAbsent(c.getName(), c);
      c = c.getSuperclass();
    }
  }

  /**
   * Admits every class from now on: the stream being written is failing and will be discarded.
   * {@code ObjectOutputStream} writes the exception that aborts a stream into the stream itself; refusing
   * that write would replace the real error (such as {@code NotSerializableException}) with a refusal.
   */
  void discard() {
    discarding = true;
  }

  /** Records a refusal, keeping the first, and returns its description. */
  String refuse(String description) {
    if (refusal == null) {
      refusal = description;
    }
    return description;
  }

  /** Returns the description of the first refusal, or null when nothing was refused. */
  @Nullable String refusal() {
    return refusal;
  }

  /** Returns the refusal of a class that no rule allows. */
  String refuseClass(String className) {
    return refuse(
        "class " + className + " is not in the allow-list (add it, or its package, to the AllowList)");
  }

  @Override
  public Status checkInput(FilterInfo info) {
    if (info.streamBytes() > limits.maxBytes()) {
      refuse("the stream is longer than the limit of " + limits.maxBytes() + " bytes");
      return Status.REJECTED;
    }
    if (info.depth() > limits.maxDepth()) {
      refuse("objects are nested deeper than the limit of " + limits.maxDepth());
      return Status.REJECTED;
    }
    if (info.references() > limits.maxReferences()) {
      refuse("the stream holds more than the limit of " + limits.maxReferences() + " objects and references");
      return Status.REJECTED;
    }
    if (info.arrayLength() > limits.maxArrayLength()) {
      refuse("an array of " + info.arrayLength() + " elements exceeds the limit of " + limits.maxArrayLength());
      return Status.REJECTED;
    }
    Class<?> type = info.serialClass();
    if (type == null) {
      return Status.UNDECIDED;
    }
    if (!admits(type)) {
      refuseClass(type.getName());
      return Status.REJECTED;
    }
    return Status.ALLOWED;
  }
}
