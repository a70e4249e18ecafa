package io.zenoo.cache.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The parameter declarations ({@link Parameter}) are the one list: the docs' table and the reference file's
 * parameter section are what {@link ParameterTable} renders from them, every parameter has the builder
 * setter of its backends, and every default reads back as itself.
 */
class ParameterTableTest {

  @Test
  void docsTable_isTheOneTheDeclarationsRender() throws IOException {
    String docs = Files.readString(Path.of("docs/configuration.md"));
    String begin = "<!-- parameters: generated -->\n";
    String end = "<!-- end parameters -->";
    assertThat(docs).contains(begin).contains(end);
    String table = docs.substring(docs.indexOf(begin) + begin.length(), docs.indexOf(end));
    assertThat(table).as("docs/configuration.md's table; regenerate it with ParameterTable.markdown()")
        .isEqualTo(ParameterTable.markdown());
  }

  @Test
  void referenceFile_holdsTheSectionTheDeclarationsRender() throws IOException {
    String text;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(ConfigurationFile.REFERENCE_RESOURCE)) {
      assertThat(in).isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(text).as("the reference file; regenerate its section with ParameterTable.referenceSection()")
        .contains(ParameterTable.referenceSection());
  }

  @ParameterizedTest
  @EnumSource(Parameter.class)
  void everyParameter_hasTheBuilderSetterOfItsBackends(Parameter p) {
    String method = ParameterTable.builderMethod(p);
    if (p.forMemory()) {
      assertThat(Arrays.stream(MemoryCacheConfiguration.Builder.class.getMethods()).map(Method::getName))
          .as("MemoryCacheConfiguration.Builder.%s", method).contains(method);
    }
    if (p.forRedis()) {
      assertThat(Arrays.stream(RedisCacheConfiguration.Builder.class.getMethods()).map(Method::getName))
          .as("RedisCacheConfiguration.Builder.%s", method).contains(method);
    }
  }

  @ParameterizedTest
  @EnumSource(Parameter.class)
  void everyDefault_readsBackAsItself(Parameter p) {
    if (p.defaultValue() != null) {
      assertThat(p.parse(p.defaultText())).isEqualTo(p.defaultValue());
    }
    assertThat(p.doc()).isNotBlank();
    assertThat(p.forMemory() || p.forRedis()).isTrue();
  }

  @Test
  void secrets_neverPrint() {
    RedisCacheConfiguration<String, String> c = RedisCacheConfiguration.builder(String.class, String.class)
        .url("redis://user:s3cret@h:6379/0").sslTruststorePassword("tr0ust").build();
    assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("tr0ust").contains("ssl_truststore_password=****");
  }
}
