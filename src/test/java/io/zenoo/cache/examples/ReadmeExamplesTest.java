package io.zenoo.cache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps README.md's examples true: each {@code <!-- example: name -->} block there must be, line for line, the
 * code between {@code // example: name} and {@code // end example} in {@link SeedExamplesTest}, which runs it.
 */
class ReadmeExamplesTest {

  private static final Pattern IN_TEST =
      Pattern.compile("^([ \\t]*)// example: ([a-z-]+)\\n(.*?)^[ \\t]*// end example$", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern IN_README =
      Pattern.compile("^<!-- example: ([a-z-]+) -->\\n```java\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);

  @Test
  void everyReadmeExample_isTheCodeTheExamplesTestRuns() throws IOException {
    String test = Files.readString(Path.of("src/test/java/io/zenoo/cache/examples/SeedExamplesTest.java"));
    String readme = Files.readString(Path.of("README.md"));
    Map<String, String> run = new LinkedHashMap<>();
    Matcher m = IN_TEST.matcher(test);
    while (m.find()) {
      run.put(m.group(2), dedent(m.group(3), m.group(1).length()));
    }
    Map<String, String> shown = new LinkedHashMap<>();
    Matcher r = IN_README.matcher(readme);
    while (r.find()) {
      shown.put(r.group(1), r.group(2));
    }

    assertThat(run).as("examples in SeedExamplesTest").hasSizeGreaterThanOrEqualTo(15);
    assertThat(shown.keySet()).as("README shows every example the test runs").containsExactlyElementsOf(run.keySet());
    run.forEach((name, code) -> assertThat(shown.get(name)).as("README example %s", name).isEqualTo(code));
  }

  private static String dedent(String block, int indent) {
    StringBuilder out = new StringBuilder();
    for (String line : block.split("\n", -1)) {
      out.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }
}
