package io.zenoo.cache.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parameters a configuration sets explicitly, by {@link Parameter}; every other parameter has its
 * declared default. Knowing what was set explicitly is what lets a programmatic configuration override
 * only what it sets, the rest coming from the cache manager.
 *
 * <p>Mutable inside a builder, copied into an immutable configuration; not thread safe.
 */
final class ParameterValues implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final EnumMap<Parameter, @Nullable Object> set = new EnumMap<>(Parameter.class);

  ParameterValues() {}

  ParameterValues(ParameterValues other) {
    set.putAll(other.set);
  }

  /** Checks and sets a value, as a builder setter does; null sets "none" where the parameter has one. */
  void put(Parameter p, @Nullable Object value) {
    set.put(p, p.value(value));
  }

  /** Sets, over these, the values the other set explicitly. */
  void putAll(ParameterValues other) {
    set.putAll(other.set);
  }

  /** Returns the value set explicitly, else the default. */
  @Nullable Object get(Parameter p) {
    return set.containsKey(p) ? set.get(p) : p.defaultValue();
  }

  @SuppressWarnings("unchecked")
  <T> T require(Parameter p) {
    return (T) Objects.requireNonNull(get(p), p.key());
  }

  boolean isSet(Parameter p) {
    return set.containsKey(p);
  }

  /** Returns the parameters set explicitly. */
  Set<Parameter> explicit() {
    return Collections.unmodifiableSet(set.keySet());
  }

  /** Returns whether the effective values of the parameters agree. */
  boolean sameValues(ParameterValues other, Set<Parameter> parameters) {
    for (Parameter p : parameters) {
      if (!Objects.equals(get(p), other.get(p))) {
        return false;
      }
    }
    return true;
  }

  int hash(Set<Parameter> parameters) {
    int h = 1;
    for (Parameter p : parameters) {
      h = 31 * h + Objects.hashCode(get(p));
    }
    return h;
  }

  /** Appends {@code , name=value} for each parameter, secrets and URLs masked. */
  void appendTo(StringBuilder s, Set<Parameter> parameters) {
    for (Parameter p : parameters) {
      s.append(", ").append(p.key()).append('=').append(p.show(get(p)));
    }
  }

  /** Returns the explicit values keyed by name, secrets included (for copying, never for showing). */
  Map<Parameter, @Nullable Object> asMap() {
    return Collections.unmodifiableMap(set);
  }
}
