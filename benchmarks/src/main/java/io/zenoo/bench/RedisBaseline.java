package io.zenoo.bench;

import io.zenoo.cache.testkit.RedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's own throughput beside the JMH rows: starts a redis-server the way the benchmarks do
 * (zenoo-cache's test kit) and, if a {@code redis-benchmark} binary lies next to that
 * {@code redis-server}, runs {@code redis-benchmark -q -t get,set -d 100 -c 1|50 -P 16} against it;
 * otherwise says that it is not available. Writes a Markdown fragment to the file given (and to
 * standard output), which {@link ResultsTable} puts under the Redis rows. Usage: {@code java -cp
 * benchmarks.jar io.zenoo.bench.RedisBaseline redis-benchmark.txt}.
 */
public final class RedisBaseline {

  private RedisBaseline() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: RedisBaseline <output.md>");
      System.exit(2);
    }
    StringBuilder out = new StringBuilder();
    try (RedisServer server = RedisServer.start()) {
      Path tool = server.binary().resolveSibling("redis-benchmark");
      if (!Files.isExecutable(tool)) {
        tool = onPath("redis-benchmark"); // e.g. Debian's redis-tools, without a redis-server of its own
      }
      if (!Files.isRegularFile(tool) || !Files.isExecutable(tool)) {
        out.append("`redis-benchmark` is not available here: the redis-server the benchmarks run (")
            .append(describe(server.binary()))
            .append(") has no `redis-benchmark` beside it (embedded-redis ships only `redis-server`) and none is on the `PATH`. ")
            .append("Install one (Debian: `apt-get install redis-tools`), or set `REDIS_SERVER` to a `redis-server` ")
            .append("whose directory holds `redis-benchmark`, to get the pipelined (`-P 16`) ceiling here.\n");
      } else {
        out.append("`").append(tool).append("` against a kit-started server (")
            .append(describe(server.binary())).append("), `-q -t get,set -d 100 -P 16`; requests per second:\n\n")
            .append("| clients (`-c`) | result |\n|---:|---|\n");
        for (int clients : new int[] {1, 50}) {
          for (String line : run(List.of(tool.toString(), "-h", RedisServer.HOST,
              "-p", Integer.toString(server.port()), "-q", "-t", "get,set", "-d", "100",
              "-c", Integer.toString(clients), "-P", "16"))) {
            out.append("| ").append(clients).append(" | ").append(line).append(" |\n");
          }
        }
      }
    }
    Files.writeString(Path.of(args[0]), out, StandardCharsets.UTF_8);
    System.out.print(out);
  }

  /** Returns the first executable of that name on the PATH, or a path that does not exist. */
  private static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return Path.of(name + "-not-found");
  }

  /** The binary's path, or its name and origin when it is the one extracted from embedded-redis. */
  private static String describe(Path binary) {
    Path parent = binary.getParent();
    if (parent != null && parent.getFileName().toString().startsWith("zenoo-redis-bin-")) {
      return "`" + binary.getFileName() + "` from embedded-redis";
    }
    return "`" + binary + "`";
  }

  /** Runs the command, returns its final result lines (the {@code -q} progress uses CR). */
  private static List<String> run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    List<String> lines = new ArrayList<>();
    for (String line : output.split("[\r\n]+")) {
      if (line.contains("requests per second")) {
        lines.add(line.strip());
      }
    }
    if (lines.isEmpty()) {
      lines.add("no result: " + output.strip().replace('\n', ' ').replace('\r', ' '));
    }
    return lines;
  }
}
