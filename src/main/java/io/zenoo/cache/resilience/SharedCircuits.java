package io.zenoo.cache.resilience;

import io.zenoo.cache.internal.Resources;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The circuits shared by the caches of one server: every cache on the same server with the same threshold
 * and timeout reports to, and is stopped by, one {@link Circuit}, so that an outage is found once (after
 * {@code threshold} failed operations of any of them) rather than once per cache, each paying its own
 * timeouts first. Hibernate's regions and Spring's caches are many caches on one server. Reference
 * counted: the circuit goes when its last cache closes. One registry per {@link Resources} (the provider's):
 * circuits are never shared across providers, and their timer tasks run on the owner's retry thread.
 * Thread safe.
 */
final class SharedCircuits implements AutoCloseable {

  /** Identifies a shared circuit: the server (its connection settings, never printed) and the breaker's own. */
  private record Key(Object server, int threshold, Duration timeout) {}

  private static final class Shared {
    final Circuit circuit;
    int references;

    Shared(Circuit circuit) {
      this.circuit = circuit;
    }
  }

  private final Map<Key, Shared> circuits = new HashMap<>(); // guarded by itself
  private final Resources resources;

  private SharedCircuits(Resources resources) {
    this.resources = resources;
  }

  /** Returns the registry of the resources, created on first use. */
  static SharedCircuits in(Resources resources) {
    return resources.component(SharedCircuits.class, SharedCircuits::new);
  }

  /** Forgets every circuit (their caches are closed with the owner). */
  @Override
  public void close() {
    synchronized (circuits) {
      circuits.clear();
    }
  }

  /** A cache's hold on a shared circuit; {@link #close()} once. */
  final class Lease implements AutoCloseable {
    private final Key key;
    private final Circuit circuit;
    private boolean closed; // guarded by circuits

    private Lease(Key key, Circuit circuit) {
      this.key = key;
      this.circuit = circuit;
    }

    Circuit circuit() {
      return circuit;
    }

    @Override
    public void close() {
      synchronized (circuits) {
        if (closed) {
          return;
        }
        closed = true;
        Shared shared = circuits.get(key);
        if (shared != null && --shared.references == 0) {
          circuits.remove(key);
        }
      }
    }
  }

  /**
   * Takes a reference to the circuit of the server with this threshold and timeout, creating it (on the
   * system clock) if it is the first.
   *
   * @param server what identifies the server and how it is reached (equal for the caches that share it)
   * @param what names the server in log lines (credentials already masked)
   */
  Lease acquire(Object server, String what, int threshold, Duration timeout) {
    Key key = new Key(server, threshold, timeout);
    synchronized (circuits) {
      Shared shared = circuits.computeIfAbsent(key, k -> new Shared(
          new Circuit(what, threshold, timeout, Clock.systemUTC(), Timers.retries(resources))));
      shared.references++;
      return new Lease(key, shared.circuit);
    }
  }

  /** Returns how many shared circuits this registry holds. */
  int size() {
    synchronized (circuits) {
      return circuits.size();
    }
  }

  /** Returns how many shared circuits the JVM's shared resources hold (for tests). */
  static int count() {
    return in(Resources.shared()).size();
  }
}
