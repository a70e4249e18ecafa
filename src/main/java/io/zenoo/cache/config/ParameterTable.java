package io.zenoo.cache.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the {@link Parameter} declarations as the documentation's parameter table (Markdown) and as the
 * parameter section of the reference configuration file, so that neither is a second list to keep in step
 * by hand: a test compares {@code docs/configuration.md} and {@value ConfigurationFile#REFERENCE_RESOURCE}
 * with what this class renders.
 *
 * <p>Stateless and thread safe.
 */
public final class ParameterTable {

  /** The line before the generated section of the reference file. */
  public static final String REFERENCE_BEGIN = "# --- parameters: generated from io.zenoo.cache.config.Parameter ---";
  /** The line after it. */
  public static final String REFERENCE_END = "# --- end of the generated parameters ---";

  private ParameterTable() {}

  /** Returns the Markdown table of every parameter: name, backends, type and unit, default, builder, meaning. */
  public static String markdown() {
    StringBuilder s = new StringBuilder();
    s.append("| parameter | backends | value | default | builder | meaning |\n");
    s.append("|---|---|---|---|---|---|\n");
    for (Parameter p : Parameter.values()) {
      String unit = p.unit().isEmpty() ? "" : " (" + p.unit() + ")";
      String def = p.defaultText().isEmpty() ? "none" : "`" + p.defaultText() + "`";
      s.append("| `").append(p.key()).append("` | ").append(backends(p)).append(" | ")
          .append(p.expected()).append(unit).append(" | ").append(def).append(" | `")
          .append(builderMethod(p)).append("` | ").append(p.doc())
          .append(p.isSecret() ? " (secret: never printed)" : "").append(" |\n");
    }
    return s.toString();
  }

  /**
   * Returns the parameter section of the reference configuration file, between {@link #REFERENCE_BEGIN}
   * and {@link #REFERENCE_END}: each parameter's documentation as comments, then {@code defaults.<name>=}
   * its default (commented out where the default is "none").
   */
  public static String referenceSection() {
    StringBuilder s = new StringBuilder(REFERENCE_BEGIN).append('\n');
    for (Parameter p : Parameter.values()) {
      String unit = p.unit().isEmpty() ? "" : " Unit: " + p.unit() + ".";
      for (String line : wrap(p.doc().replace("`", "") + "." + unit + " Backends: " + backends(p) + ".", 98)) {
        s.append("# ").append(line).append('\n');
      }
      boolean none = p.defaultValue() == null;
      s.append(none ? "# " : "").append("defaults.").append(p.key()).append('=')
          .append(none ? "" : p.defaultText()).append('\n');
    }
    return s.append(REFERENCE_END).append('\n').toString();
  }

  /** Returns the name of the builder setter of a parameter: {@code max_size} is {@code maxSize}. */
  public static String builderMethod(Parameter p) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : p.key().toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }

  private static String backends(Parameter p) {
    return p.forMemory() && p.forRedis() ? "memory, redis" : p.forMemory() ? "memory" : "redis";
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
