package io.zenoo.cache.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import redis.embedded.core.ExecutableProvider;

/**
 * Finds the {@code redis-server} binary: the environment variable {@link #ENVIRONMENT_VARIABLE},
 * else {@code redis-server} on the {@code PATH}, else the binary for this OS and architecture inside
 * {@code com.github.codemonstur:embedded-redis} (Redis 6.2 with TLS; linux amd64/arm64/386, macOS
 * amd64/arm64), extracted once per JVM into a temporary directory deleted at exit.
 *
 * <p>Only embedded-redis's resource lookup and extraction are used; processes are the kit's own.
 * Thread-safe.
 */
final class RedisBinary {

  /** Names the binary to use, overriding the {@code PATH} and the embedded one. */
  static final String ENVIRONMENT_VARIABLE = "REDIS_SERVER";

  private static @Nullable Path located;
  private static @Nullable Path extracted;

  private RedisBinary() {}

  /**
   * Returns the binary to start, resolved once per JVM.
   *
   * @throws IllegalStateException if {@code REDIS_SERVER} names no executable file, or no binary
   *     exists for this platform
   */
  static synchronized Path locate() {
    Path binary = located;
    if (binary == null) {
      String variable = System.getenv(ENVIRONMENT_VARIABLE);
      if (variable != null && !variable.isBlank()) {
        binary = Path.of(variable);
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
          throw new IllegalStateException(
              ENVIRONMENT_VARIABLE + "=" + variable + " is not an executable file");
        }
      } else {
        binary = onPath("redis-server").orElseGet(RedisBinary::embedded);
      }
      located = binary;
    }
    return binary;
  }

  /** Returns the embedded binary, extracting it on the first call of this JVM. */
  static synchronized Path embedded() {
    Path binary = extracted;
    if (binary == null) {
      try {
        Path directory = Files.createTempDirectory("zenoo-redis-bin-");
        // registered before the file embedded-redis registers, so deleted after it
        directory.toFile().deleteOnExit();
        File file = ExecutableProvider.newJarResourceProvider(directory.toFile()).get();
        binary = file.toPath();
        if (!Files.isExecutable(binary) && !file.setExecutable(true)) {
          throw new IllegalStateException("cannot make " + binary + " executable");
        }
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot extract the embedded redis-server for "
                + System.getProperty("os.name")
                + "/"
                + System.getProperty("os.arch")
                + ": set "
                + ENVIRONMENT_VARIABLE
                + " or put redis-server on the PATH",
            e);
      }
      extracted = binary;
    }
    return binary;
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(Pattern.quote(File.pathSeparator))) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
