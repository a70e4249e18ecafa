package io.zenoo.cache.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The operating-system side of {@link RedisServer}: the registry of live processes and temporary
 * directories that a shutdown hook SIGKILLs and deletes, POSIX signals through {@code kill(1)} (the
 * JDK sends only SIGTERM and SIGKILL), and waits for their effect. Thread-safe.
 */
final class ProcessControl {

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LIVE.forEach(Process::destroyForcibly);
                  DIRECTORIES.forEach(ProcessControl::deleteDirectory);
                },
                "zenoo-redis-reaper"));
  }

  private ProcessControl() {}

  /** Registers a process that must not outlive this JVM. */
  static void register(Process process) {
    LIVE.add(process);
  }

  /** Forgets a process that has exited. */
  static void unregister(Process process) {
    LIVE.remove(process);
  }

  /** Registers a temporary directory to delete when this JVM exits, if it still exists then. */
  static void deleteOnExit(Path directory) {
    DIRECTORIES.add(directory);
  }

  /** Deletes a directory and everything in it now, best effort, and forgets it. */
  static void deleteDirectory(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory left behind is harmless
    }
    DIRECTORIES.remove(directory);
  }

  /**
   * Sends a signal ({@code STOP}, {@code CONT}, ...) and, on Linux, waits until {@code /proc} shows
   * the process stopped or no longer stopped, as the signal implies.
   *
   * @throws IllegalStateException if {@code kill} fails or the effect is not seen within {@code
   *     timeout}
   */
  static void signal(Process process, String signal, Duration timeout) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      kill.getOutputStream().close();
      String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kill.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
        kill.destroyForcibly();
        throw new IllegalStateException(
            "kill -" + signal + " " + process.pid() + " failed: " + output.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill -" + signal, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending " + signal, e);
    }
    if (signal.equals("STOP") || signal.equals("CONT")) {
      awaitStopped(process, signal.equals("STOP"), timeout);
    }
  }

  /**
   * Waits up to {@code timeout} for the process to exit.
   *
   * @return whether it exited
   */
  static boolean awaitExit(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static void awaitStopped(Process process, boolean stopped, Duration timeout) {
    Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
    if (!Files.isReadable(stat)) {
      return; // not Linux: kill(1) returns once the signal is sent, which has to do
    }
    await("process " + process.pid() + (stopped ? " stopped" : " continued"))
        .atMost(timeout)
        .pollInSameThread()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> !process.isAlive() || isStopped(stat) == stopped);
  }

  /** Reads the state letter of {@code /proc/<pid>/stat}, after the parenthesized command name. */
  private static boolean isStopped(Path stat) throws IOException {
    String line = Files.readString(stat, StandardCharsets.US_ASCII);
    int end = line.lastIndexOf(')');
    char state = end >= 0 && end + 2 < line.length() ? line.charAt(end + 2) : '?';
    return state == 'T' || state == 't';
  }
}
