package io.zenoo.cache.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of ARCHITECTURE.md true: {@code store} depends on nothing of ours; {@code core}
 * on the support packages; backends on {@code core}, {@code store} and {@code config}; {@code transaction}
 * on {@code core} and {@code store} (core reaches it only through its own hook); {@code jcache} wires
 * everything and nothing imports it; {@code metrics} reads the root package only, and it alone names
 * Micrometer (an optional dependency). Read from the sources' import and qualified-name uses.
 */
class ArchitectureTest {

  private static final String BASE = "io.zenoo.cache";
  private static final Set<String> SUPPORT = Set.of("internal");

  /** Which of our packages each package may use ("" is the root package). */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("", Set.of()),
          Map.entry("store", Set.of()),
          Map.entry("internal", Set.of()),
          Map.entry("serialization", Set.of()),
          Map.entry("integration", Set.of()),
          Map.entry("event", Set.of()),
          Map.entry("management", Set.of()),
          Map.entry("config", Set.of("store")),
          Map.entry("core", Set.of("", "store", "serialization", "event", "management", "integration")),
          Map.entry("memory", Set.of("", "core", "store", "config", "serialization")),
          Map.entry("resilience", Set.of("", "store")),
          Map.entry("redis", Set.of("", "core", "store", "config", "serialization", "memory", "resilience")),
          // the unit of work over the engine's hook (core.TransactionBinding); core never uses it
          Map.entry("transaction", Set.of("", "core", "store")),
          // Micrometer meters over ZenooCache.stats(); nothing imports it, so Micrometer stays optional
          Map.entry("metrics", Set.of("")),
          Map.entry("jcache", Set.of("", "core", "store", "config", "memory", "redis", "serialization", "management")));

  private static final Pattern MICROMETER = Pattern.compile("\\bio\\.micrometer\\.");

  private static final Pattern USE = Pattern.compile("\\bio\\.zenoo\\.cache(?:\\.([a-z]+))?\\.[A-Z]");

  @Test
  void packages_useOnlyWhatTheLayeringAllows() throws IOException {
    Path root = Path.of("src/main/java/io/zenoo/cache");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path relative = root.relativize(file.getParent() == null ? root : file.getParent());
        String pkg = relative.toString().replace('/', '.');
        Set<String> allowed = ALLOWED.get(pkg);
        assertThat(allowed).as("package %s is listed in the layering", pkg).isNotNull();
        Matcher m = USE.matcher(Files.readString(file));
        while (m.find()) {
          String used = m.group(1) == null ? "" : m.group(1);
          if (!used.equals(pkg) && !allowed.contains(used) && !SUPPORT.contains(used)) {
            violations.add(file.getFileName() + " in '" + pkg + "' uses '" + used + "'");
          }
        }
      }
    }
    assertThat(violations).as("uses that break the layering").isEmpty();
  }

  @Test
  void micrometer_isNamedOnlyInTheMetricsPackage() throws IOException {
    Path root = Path.of("src/main/java/io/zenoo/cache");
    Path metrics = root.resolve("metrics");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (!file.startsWith(metrics) && MICROMETER.matcher(Files.readString(file)).find()) {
          violations.add(root.relativize(file).toString());
        }
      }
    }
    assertThat(violations).as("classes that would need Micrometer on the class path").isEmpty();
  }
}
