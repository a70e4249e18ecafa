package io.zenoo.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lettuce.core.LettuceVersion;
import io.netty.util.Version;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Proves which client libraries a Surefire execution really runs on: each execution of the pom sets
 * {@code expected.lettuce.version}, {@code expected.netty.version} and {@code expected.jackson.version}
 * (prefixes of the versions its class path must hold), so the execution that swaps in the versions Spring
 * Boot manages cannot silently run on ours. A missing property fails: the test never skips.
 */
class ClientVersionsTest {

  private static String expected(String property) {
    String value = System.getProperty(property);
    assertThat(value)
        .as("system property %s (set per Surefire execution in the pom)", property)
        .isNotBlank();
    return value;
  }

  @Test
  void lettuce_isTheVersionThisExecutionExpects() {
    String version = LettuceVersion.getVersion();
    System.out.println("[client versions] lettuce-core " + version);
    assertThat(version).as("lettuce-core on the class path").startsWith(expected("expected.lettuce.version"));
  }

  @Test
  void netty_everyModuleIsTheVersionThisExecutionExpects() {
    Map<String, String> modules = new TreeMap<>();
    Version.identify().forEach((artifact, version) -> modules.put(artifact, version.artifactVersion()));
    System.out.println("[client versions] netty " + modules);
    assertThat(modules).as("netty modules on the class path").containsKeys("netty-common", "netty-transport");
    String prefix = expected("expected.netty.version");
    assertThat(modules.values()).as("netty modules on the class path: %s", modules)
        .allSatisfy(version -> assertThat(version).startsWith(prefix));
  }

  @Test
  void jackson_isTheVersionThisExecutionExpects() {
    Map<String, String> modules = new TreeMap<>();
    modules.put("jackson-core", com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString());
    modules.put("jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    modules.put("jackson-datatype-jsr310",
        com.fasterxml.jackson.datatype.jsr310.PackageVersion.VERSION.toString());
    System.out.println("[client versions] jackson " + modules + ", jackson-annotations "
        + JsonProperty.class.getPackage().getImplementationVersion());
    String version = expected("expected.jackson.version");
    assertThat(modules.values()).as("jackson modules on the class path: %s", modules)
        .allSatisfy(v -> assertThat(v).isEqualTo(version));
    // jackson-annotations dropped the patch number in 2.20 ("2.21"): only its minor release must match
    String minor = version.substring(0, version.indexOf('.', version.indexOf('.') + 1));
    assertThat(JsonProperty.class.getPackage().getImplementationVersion())
        .as("jackson-annotations on the class path").startsWith(minor);
  }
}
