package io.zenoo.cache.serialization;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Maps primitive classes to their boxes, as caches hold boxed values. */
final class Primitives {

  private static final Map<Class<?>, Class<?>> BOXES =
      Map.of(
          boolean.class, Boolean.class,
          byte.class, Byte.class,
          char.class, Character.class,
          short.class, Short.class,
          int.class, Integer.class,
          long.class, Long.class,
          float.class, Float.class,
          double.class, Double.class,
          void.class, Void.class);

  private Primitives() {}

  /** Returns the box of a primitive class, or the class itself. */
  @SuppressWarnings("unchecked")
  static <T> Class<T> box(Class<T> type) {
    return type.isPrimitive() ? (Class<T>) BOXES.get(type) : type;
  }

  /** Returns the primitive class of this name, or null. */
  static @Nullable Class<?> primitive(String name) {
    for (Class<?> type : BOXES.keySet()) {
      if (type.getName().equals(name)) {
        return type;
      }
    }
    return null;
  }
}
