package io.zenoo.cache.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.config.CacheSettings;
import io.zenoo.cache.config.ConfigurationFile;
import io.zenoo.cache.config.ManagerParameters;
import io.zenoo.cache.config.MemoryCacheConfiguration;
import io.zenoo.cache.config.RedisCacheConfiguration;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of the parameter sources, as the README's configuration page states it, lowest first:
 * built-in defaults, configuration file ({@code defaults.*}), {@code -Dzenoo.cache.*} system properties,
 * the Redis URI's query, the {@code Properties} given to {@code getCacheManager}, what a programmatic
 * configuration sets explicitly. Each test sets one parameter in every source, then removes the sources from
 * the top one by one: each step must show the value of the next source down.
 */
class PrecedenceTest {

  @TempDir Path dir;

  private @Nullable CacheSettings file(@Nullable String line) throws IOException {
    if (line == null) {
      return null;
    }
    Path path = dir.resolve("cache-" + System.nanoTime() + ".properties");
    Files.writeString(path, line + "\n");
    return ConfigurationFile.load(path.toUri(), getClass().getClassLoader()).defaults();
  }

  private static Properties properties(@Nullable String key, @Nullable String value) {
    Properties p = new Properties();
    if (key != null && value != null) {
      p.setProperty(key, value);
    }
    return p;
  }

  /** Resolves socket_timeout through the manager's path: system properties, URI query, Properties, file. */
  private Duration redis(@Nullable String file, @Nullable String system, @Nullable String query,
      @Nullable String given, Configuration<String, String> programmatic) throws IOException {
    URI uri = URI.create("redis://localhost:6379/0" + (query == null ? "" : "?socket_timeout=" + query));
    Properties effective = ManagerParameters.resolve(uri, properties("socket_timeout", system),
        given == null ? null : properties("socket_timeout", given));
    CacheSettings fileDefaults = file(file == null ? null : "defaults.socket_timeout=" + file);
    return CacheFactory.resolveRedis(programmatic, effective, uri, fileDefaults).getSocketTimeout();
  }

  @Test
  void redis_eachSourceOverridesTheOnesBelowIt() throws IOException {
    Configuration<String, String> explicit =
        RedisCacheConfiguration.builder(String.class, String.class).socketTimeout(Duration.ofSeconds(6)).build();
    Configuration<String, String> builderDefaults =
        RedisCacheConfiguration.builder(String.class, String.class).build();
    Configuration<String, String> plain = new MutableConfiguration<String, String>();

    assertThat(redis("1", "2", "3", "4", explicit)).isEqualTo(Duration.ofSeconds(6));
    assertThat(redis("1", "2", "3", "4", builderDefaults)).as("builder defaults do not override").isEqualTo(
        Duration.ofSeconds(4));
    assertThat(redis("1", "2", "3", "4", plain)).as("Properties over URI").isEqualTo(Duration.ofSeconds(4));
    assertThat(redis("1", "2", "3", null, plain)).as("URI over system properties").isEqualTo(Duration.ofSeconds(3));
    assertThat(redis("1", "2", null, null, plain)).as("system properties over file").isEqualTo(Duration.ofSeconds(2));
    assertThat(redis("1", null, null, null, plain)).as("file over defaults").isEqualTo(Duration.ofSeconds(1));
    assertThat(redis(null, null, null, null, plain)).isEqualTo(RedisCacheConfiguration.DEFAULT_SOCKET_TIMEOUT);
  }

  private long memory(@Nullable String file, @Nullable String system, @Nullable String given,
      Configuration<String, String> programmatic) throws IOException {
    URI uri = URI.create("precedence:memory");
    Properties effective = ManagerParameters.resolve(uri, properties("max_size", system),
        given == null ? null : properties("max_size", given));
    CacheSettings fileDefaults = file(file == null ? null : "defaults.max_size=" + file);
    return CacheFactory.resolveMemory(programmatic, effective, fileDefaults).getMaxSize();
  }

  @Test
  void memory_eachSourceOverridesTheOnesBelowIt() throws IOException {
    Configuration<String, String> explicit =
        MemoryCacheConfiguration.builder(String.class, String.class).maxSize(5).build();
    Configuration<String, String> builderDefaults =
        MemoryCacheConfiguration.builder(String.class, String.class).build();
    Configuration<String, String> plain = new MutableConfiguration<String, String>();

    assertThat(memory("1", "2", "3", explicit)).isEqualTo(5);
    assertThat(memory("1", "2", "3", builderDefaults)).as("builder defaults do not override").isEqualTo(3);
    assertThat(memory("1", "2", "3", plain)).as("Properties over system properties").isEqualTo(3);
    assertThat(memory("1", "2", null, plain)).as("system properties over file").isEqualTo(2);
    assertThat(memory("1", null, null, plain)).as("file over defaults").isEqualTo(1);
    assertThat(memory(null, null, null, plain)).isEqualTo(MemoryCacheConfiguration.DEFAULT_MAX_SIZE);
  }
}
