package io.zenoo.cache.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/**
 * What a user without an SLF4J binding sees. We chose to make the binding part of the README's set-up
 * (see {@link DocsExamplesTest#coordinates_areThePomsAndComeWithALoggingBinding}) rather than to write to
 * the console from the library: SLF4J itself tells such a user, once, on stderr, that every message is
 * dropped. This test runs a cache in a JVM whose class path lacks the binding and checks that the user is
 * told so.
 */
class NoLoggingBindingTest {

  /** Creates a cache and uses it: what an application does first. */
  public static void main(String[] args) {
    CacheManager manager = Caching.getCachingProvider().getCacheManager(URI.create("no-binding:memory"), null);
    Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<String, String>());
    cache.put("k", "v");
    manager.close();
  }

  @Test
  void withoutABinding_slf4jSaysOnStderrThatMessagesAreDropped() throws Exception {
    // Surefire starts tests through a manifest-only jar; the class path it holds is in this property
    String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String classPath = Arrays.stream(testClassPath.split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("slf4j-simple"))
        .collect(Collectors.joining(File.pathSeparator));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", classPath, NoLoggingBindingTest.class.getName())
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("No SLF4J providers were found");
  }
}
