package io.zenoo.cache.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parsers and checks behind {@link Parameter}: seconds with fractions, yes/no, comma lists, and the
 * rules of the names a namespace, a serializer and the allow-list take. Each failure is an
 * {@link IllegalArgumentException} saying what was expected, which {@link Parameter#parse} turns into a
 * {@code CacheException} naming the parameter.
 *
 * <p>Stateless and thread safe.
 */
final class Values {

  /** JDK package roots the allow-list refuses: they hold known deserialization gadgets. */
  private static final List<String> JDK_ROOTS = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  private Values() {}

  /** Parses seconds, fractions allowed; {@code none}, {@code null} or blank give null. */
  static @Nullable Duration seconds(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    if (v.isEmpty() || v.equals("none") || v.equals("null")) {
      return null;
    }
    BigDecimal seconds = new BigDecimal(v); // NumberFormatException is an IllegalArgumentException
    if (seconds.signum() <= 0) {
      throw new IllegalArgumentException("a positive number of seconds, but was " + text);
    }
    return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
  }

  /** Spells a duration as seconds, the way the files take it: {@code 60}, {@code 0.1}. */
  static String secondsText(Duration d) {
    return BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString();
  }

  static boolean yesNo(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw new IllegalArgumentException("true, false, yes or no, but was '" + text + "'");
    };
  }

  /** Splits a comma-separated list, trimming the items and dropping empty ones. */
  static List<String> list(String text) {
    List<String> items = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      String trimmed = item.trim();
      if (!trimmed.isEmpty()) {
        items.add(trimmed);
      }
    }
    return items;
  }

  static String namespace(String namespace) {
    if (namespace.isEmpty()) {
      throw new IllegalArgumentException("namespace must not be empty");
    }
    if (namespace.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new IllegalArgumentException(
          "namespace must not contain whitespace or control characters, but was '" + namespace + "'");
    }
    if (namespace.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "namespace must not contain ':', which separates namespace, cache name and key in Redis keys"
              + " (namespace:cacheName:key), but was '" + namespace + "'");
    }
    return namespace;
  }

  /** Returns {@code json}, {@code java} ({@code pickle} too), in any case, or a qualified class name. */
  static String serializer(String serializer) {
    String keyword = serializer.toLowerCase(Locale.ROOT);
    if (keyword.equals("json") || keyword.equals("java")) {
      return keyword;
    }
    if (keyword.equals("pickle")) {
      return "java";
    }
    if (isQualifiedName(serializer, /* packageRequired= */ true)) {
      return serializer;
    }
    throw new IllegalArgumentException(
        "serializer must be json, java, pickle or the fully qualified class name of a codec, but was '"
            + serializer + "'");
  }

  /**
   * Checks allow-list entries: a class name (its last segment starts upper case, {@code com.example.Money})
   * or a package of at least two segments ({@code com.example}) outside the JDK. Returns them deduplicated,
   * in order, immutable.
   */
  static List<String> allowedNames(List<String> names) {
    Set<String> checked = new LinkedHashSet<>();
    for (String name : names) {
      Objects.requireNonNull(name, "allowed_packages entry");
      if (!isQualifiedName(name, /* packageRequired= */ false)) {
        throw new IllegalArgumentException(
            "allowed_packages entries must be package prefixes or class names such as com.example or"
                + " com.example.Money, without wildcards, but was '" + name + "'");
      }
      if (!isClassName(name)) {
        if (!name.contains(".")) {
          throw new IllegalArgumentException(
              "allowed_packages entries that name a package need at least two segments (com.example, not com):"
                  + " one segment would allow classes of unrelated libraries, but was '" + name + "'");
        }
        for (String root : JDK_ROOTS) {
          if ((name + ".").startsWith(root)) {
            throw new IllegalArgumentException(
                "allowed_packages must not name a JDK package (" + root + "*), whose classes include known"
                    + " deserialization gadgets; name the JDK classes you need, but was '" + name + "'");
          }
        }
      }
      checked.add(name);
    }
    return List.copyOf(checked);
  }

  /** Returns whether an allow-list entry names a class: its last segment starts with an upper-case letter. */
  static boolean isClassName(String name) {
    return Character.isUpperCase(name.charAt(name.lastIndexOf('.') + 1));
  }

  /** Returns whether the name is a dotted sequence of Java identifiers, with a package if required. */
  static boolean isQualifiedName(String name, boolean packageRequired) {
    String[] parts = name.split("\\.", -1);
    if (packageRequired && parts.length < 2) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty()
          || !Character.isJavaIdentifierStart(part.codePointAt(0))
          || !part.codePoints()
              .allMatch(c -> Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c))) {
        return false;
      }
    }
    return true;
  }
}
