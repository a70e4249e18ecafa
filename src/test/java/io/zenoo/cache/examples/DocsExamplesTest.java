package io.zenoo.cache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.config.ConfigurationFile;
import io.zenoo.cache.config.ManagerParameters;
import io.zenoo.cache.config.Parameter;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Keeps README.md and docs/*.md true. Every fenced block is checked by what it is:
 *
 * <ul>
 *   <li>{@code java}: tagged {@code <!-- example: name -->} and equal, line for line, to the code between
 *       {@code // example: name} and {@code // end example} in a class of this package, which compiles (and
 *       mostly runs) it; every such code example is shown exactly once;
 *   <li>{@code properties}: tagged {@code <!-- properties: configuration-file | spring-boot | hibernate -->};
 *       a configuration file is loaded by {@link ConfigurationFile#load}, framework properties are parsed
 *       and must belong to their framework and carry no comment inside a value;
 *   <li>{@code xml} and {@code kotlin} (Maven and Gradle coordinates): our coordinates as the pom declares
 *       them, and an SLF4J binding beside them (the getting-started set-up includes logging);
 *   <li>{@code sh}: every {@code -Dzenoo.cache.*} setting in it is a valid parameter or URI; the README's test
 *       command is the one {@code .ci/run} runs.
 * </ul>
 */
class DocsExamplesTest {

  private static final Pattern IN_CODE = Pattern.compile(
      "^([ \\t]*)// example: ([a-z-]+)\\n(.*?)^[ \\t]*// end example$", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern FENCE = Pattern.compile(
      "^(?:<!-- (example|properties|coordinates): ([a-z-]+) -->\\n)?```([a-z]*)\\n(.*?)^```$",
      Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-Dzenoo\\.cache\\.([a-z_]+)=('[^']*'|\\S+)");
  private static final List<String> BINDINGS = List.of("slf4j-simple", "logback-classic", "log4j-slf4j2-impl");

  @TempDir Path dir;

  /** One fenced block of a document: its tag (kind and name, if any), its language and its text. */
  record Block(Path file, String tagKind, String tagName, String language, String text) {
    @Override
    public String toString() {
      return file + ": " + language + (tagName.isEmpty() ? "" : " " + tagKind + " " + tagName);
    }
  }

  private static List<Path> documents() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(Path.of("README.md"));
    files.add(Path.of("CONTRIBUTING.md"));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  private static List<Block> blocks() throws IOException {
    List<Block> blocks = new ArrayList<>();
    for (Path file : documents()) {
      Matcher m = FENCE.matcher(Files.readString(file));
      while (m.find()) {
        blocks.add(new Block(file, m.group(1) == null ? "" : m.group(1), m.group(2) == null ? "" : m.group(2),
            m.group(3), m.group(4)));
      }
    }
    return blocks;
  }

  private static Map<String, String> codeExamples() throws IOException {
    Map<String, String> run = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(Path.of("src/test/java/io/zenoo/cache/examples"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = IN_CODE.matcher(Files.readString(file));
        while (m.find()) {
          assertThat(run.put(m.group(2), dedent(m.group(3), m.group(1).length())))
              .as("example %s is defined once", m.group(2)).isNull();
        }
      }
    }
    return run;
  }

  @Test
  void everyJavaBlock_isTheCodeATestCompilesAndRuns() throws IOException {
    Map<String, String> run = codeExamples();
    Map<String, String> shown = new LinkedHashMap<>();
    for (Block b : blocks()) {
      if (b.language().equals("java")) {
        assertThat(b.tagKind()).as("%s is tagged <!-- example: name -->", b).isEqualTo("example");
        assertThat(shown.put(b.tagName(), b.text())).as("%s is shown once", b).isNull();
      }
    }
    assertThat(run).as("examples in io.zenoo.cache.examples").hasSizeGreaterThanOrEqualTo(20);
    assertThat(shown.keySet()).as("the docs show every example a test runs").containsExactlyInAnyOrderElementsOf(
        run.keySet());
    run.forEach((name, code) -> assertThat(shown.get(name)).as("example %s", name).isEqualTo(code));
  }

  @Test
  void everyPropertiesBlock_loadsAsWhatItIs() throws IOException {
    int files = 0;
    for (Block b : blocks()) {
      if (!b.language().equals("properties")) {
        continue;
      }
      assertThat(b.tagKind()).as("%s is tagged <!-- properties: kind -->", b).isEqualTo("properties");
      Properties p = new Properties();
      p.load(new StringReader(b.text()));
      switch (b.tagName()) {
        case "configuration-file" -> {
          Path file = dir.resolve("example-" + files++ + ".properties");
          Files.writeString(file, b.text());
          ConfigurationFile loaded = ConfigurationFile.load(file.toUri(), getClass().getClassLoader());
          assertThat(loaded.cacheNames()).as("%s", b).isNotEmpty();
        }
        case "spring-boot", "hibernate" -> {
          String prefix = b.tagName().equals("spring-boot") ? "spring." : "hibernate.";
          for (String key : p.stringPropertyNames()) {
            assertThat(key).as("%s", b).startsWith(prefix);
            assertThat(p.getProperty(key)).as("%s: %s has no comment in its value", b, key).doesNotContain("#");
          }
          assertThat(p).as("%s names our provider or the JCache type", b).isNotEmpty();
        }
        default -> throw new AssertionError(b + ": unknown kind " + b.tagName());
      }
    }
    assertThat(files).as("configuration file examples").isGreaterThanOrEqualTo(1);
  }

  @Test
  void coordinates_areThePomsAndComeWithALoggingBinding() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    String group = child(pom.getDocumentElement(), "groupId");
    String artifact = child(pom.getDocumentElement(), "artifactId");
    String version = child(pom.getDocumentElement(), "version");
    int maven = 0;
    int gradle = 0;
    for (Block b : blocks()) {
      if (b.language().equals("xml") && b.tagKind().equals("coordinates")) {
        maven++;
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new org.xml.sax.InputSource(new StringReader("<dependencies>" + b.text() + "</dependencies>")));
        NodeList deps = d.getElementsByTagName("dependency");
        List<String> gav = new ArrayList<>();
        for (int i = 0; i < deps.getLength(); i++) {
          Element e = (Element) deps.item(i);
          gav.add(child(e, "groupId") + ":" + child(e, "artifactId") + ":" + child(e, "version"));
        }
        assertThat(gav).as("%s", b).contains(group + ":" + artifact + ":" + version);
        assertThat(gav).as("%s has an SLF4J binding", b).anyMatch(c -> BINDINGS.stream().anyMatch(c::contains));
      } else if (b.tagKind().equals("coordinates")) {
        gradle++;
        assertThat(b.text()).as("%s", b).contains("\"" + group + ":" + artifact + ":" + version + "\"");
        assertThat(BINDINGS).as("%s has an SLF4J binding", b).anyMatch(b.text()::contains);
      }
    }
    assertThat(maven).isEqualTo(1);
    assertThat(gradle).isEqualTo(1);
  }

  @Test
  void shellBlocks_setOnlyValidParameters_andTheReadmeTestCommandIsWhatCiRuns() throws IOException {
    int settings = 0;
    for (Block b : blocks()) {
      if (!b.language().equals("sh")) {
        continue;
      }
      Matcher m = SYSTEM_PROPERTY.matcher(b.text());
      while (m.find()) {
        settings++;
        String value = m.group(2).replaceAll("^'|'$", "");
        if (m.group(1).equals("uri")) {
          URI uri = URI.create(value);
          ManagerParameters.checkUri(uri);
          ManagerParameters.resolve(uri, new Properties(), null);
        } else {
          assertThat(Parameter.byKey(m.group(1))).as("%s: -Dzenoo.cache.%s", b, m.group(1)).isPresent();
          Parameter.byKey(m.group(1)).orElseThrow().parse(value);
        }
      }
    }
    assertThat(settings).isGreaterThanOrEqualTo(2);

    List<Block> readmeShell = blocks().stream()
        .filter(b -> b.file().equals(Path.of("README.md")) && b.language().equals("sh")).toList();
    String ciCommand = Files.readAllLines(Path.of(".ci/run")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("set ") && !l.startsWith("cd "))
        .reduce((a, c) -> c).orElseThrow();
    assertThat(readmeShell.get(1).text().strip()).as("README's test command is .ci/run's").isEqualTo(ciCommand);
    assertThat(readmeShell.get(0).text()).as("the demo command uses the wrapper").startsWith("./mvnw ");
  }

  private static String child(Element parent, String name) {
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
  }

  private static String dedent(String block, int indent) {
    StringBuilder out = new StringBuilder();
    for (String line : block.split("\n", -1)) {
      out.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }
}
