package io.zenoo.cache.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The circuits shared by the caches of one server: every cache on the same server with the same threshold
 * and timeout reports to, and is stopped by, one {@link Circuit}, so that an outage is found once (after
 * {@code threshold} failed operations of any of them) rather than once per cache, each paying its own
 * timeouts first. Hibernate's regions and Spring's caches are many caches on one server. Reference
 * counted: the circuit goes when its last cache closes. Thread safe.
 */
final class SharedCircuits {

  /** Identifies a shared circuit: the server (its connection settings, never printed) and the breaker's own. */
  private record Key(Object server, int threshold, Duration timeout) {}

  private static final class Shared {
    final Circuit circuit;
    int references;

    Shared(Circuit circuit) {
      this.circuit = circuit;
    }
  }

  private static final Map<Key, Shared> CIRCUITS = new HashMap<>(); // guarded by itself

  private SharedCircuits() {}

  /** A cache's hold on a shared circuit; {@link #close()} once. */
  static final class Lease implements AutoCloseable {
    private final Key key;
    private final Circuit circuit;
    private boolean closed; // guarded by CIRCUITS

    private Lease(Key key, Circuit circuit) {
      this.key = key;
      this.circuit = circuit;
    }

    Circuit circuit() {
      return circuit;
    }

    @Override
    public void close() {
      synchronized (CIRCUITS) {
        if (closed) {
          return;
        }
        closed = true;
        Shared shared = CIRCUITS.get(key);
        if (shared != null && --shared.references == 0) {
          CIRCUITS.remove(key);
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
  static Lease acquire(Object server, String what, int threshold, Duration timeout) {
    Key key = new Key(server, threshold, timeout);
    synchronized (CIRCUITS) {
      Shared shared =
          CIRCUITS.computeIfAbsent(key, k -> new Shared(new Circuit(what, threshold, timeout, Clock.systemUTC())));
      shared.references++;
      return new Lease(key, shared.circuit);
    }
  }

  /** Returns how many shared circuits exist (for tests). */
  static int count() {
    synchronized (CIRCUITS) {
      return CIRCUITS.size();
    }
  }
}
