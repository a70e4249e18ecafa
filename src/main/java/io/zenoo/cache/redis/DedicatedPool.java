package io.zenoo.cache.redis;

import io.lettuce.core.api.StatefulConnection;
import io.zenoo.cache.store.StoreAccessException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedicated connections of one client (for {@code MULTI ... EXEC}, which must not share a connection
 * with other threads' commands), at most {@code max_connections} of them open or in use at once.
 *
 * <p><b>Design.</b> A semaphore of {@code max_connections} permits bounds the connections in use; idle
 * ones wait in a stack for the next borrower (the most recently used first, the likeliest to be alive). A
 * borrower waits up to {@code socket_timeout} for a permit, then fails with a {@link StoreAccessException}
 * saying that every connection is in use. A connection is opened only when no idle one is left, so the
 * pool never holds more than {@code max_connections}. Written for this one use rather than taken from
 * Lettuce's {@code ConnectionPoolSupport} (which needs commons-pool2, a dependency we do not otherwise
 * have) or its {@code BoundedAsyncPool} (asynchronous, with more machinery than a blocking commit needs).
 *
 * <p><b>Failure.</b> A connection handed back after an error ({@link Borrowed#discard()}), or found closed,
 * is closed rather than kept: its transaction state is unknown. After {@link #close()} nothing is lent.
 *
 * <p>Thread safe.
 */
final class DedicatedPool implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DedicatedPool.class);

  /** Opens a new dedicated connection. */
  @FunctionalInterface
  interface Opener {
    StatefulConnection<byte[], byte[]> open() throws StoreAccessException;
  }

  private final Opener opener;
  private final int maxConnections;
  private final Duration wait;
  private final String server;
  private final Semaphore permits;
  private final ArrayDeque<StatefulConnection<byte[], byte[]>> idle = new ArrayDeque<>(); // guarded by this
  private boolean closed; // guarded by this

  /**
   * Creates a pool.
   *
   * @param maxConnections the most connections open at once, at least 1
   * @param wait how long a borrower waits for one to be free
   * @param server the masked server URL, for messages
   */
  DedicatedPool(Opener opener, int maxConnections, Duration wait, String server) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("max_connections must be > 0, but was " + maxConnections);
    }
    this.opener = opener;
    this.maxConnections = maxConnections;
    this.wait = wait;
    this.server = server;
    this.permits = new Semaphore(maxConnections, /* fair= */ true);
  }

  /** A connection lent to one caller; {@link #close()} gives it back (once). */
  final class Borrowed implements AutoCloseable {
    private final StatefulConnection<byte[], byte[]> connection;
    private boolean broken;
    private boolean returned;

    private Borrowed(StatefulConnection<byte[], byte[]> connection) {
      this.connection = connection;
    }

    /** Returns the connection, the caller's alone until {@link #close()}. */
    StatefulConnection<byte[], byte[]> connection() {
      return connection;
    }

    /** Marks the connection as having seen an error: it is closed instead of being lent again. */
    void discard() {
      broken = true;
    }

    @Override
    public void close() {
      if (!returned) {
        returned = true;
        giveBack(connection, broken);
      }
    }
  }

  /**
   * Lends a connection: an idle one, or a new one while fewer than {@code max_connections} are open,
   * waiting up to the socket timeout for one to be handed back.
   *
   * @throws StoreAccessException when none became free in time (not sent: {@code ERROR}, as overload says
   *     nothing about the server's health), when the pool is closed, or when a new connection fails
   */
  Borrowed borrow() throws StoreAccessException {
    boolean permitted;
    try {
      permitted = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreAccessException("interrupted while waiting for a connection to Redis at " + server, e);
    }
    if (!permitted) {
      throw new StoreAccessException("no connection to Redis at " + server + " for a transaction became free within "
          + wait.toMillis() + " ms (socket_timeout): all " + maxConnections + " (max_connections) are in use");
    }
    try {
      StatefulConnection<byte[], byte[]> reused = takeIdle();
      return new Borrowed(reused != null ? reused : opener.open());
    } catch (StoreAccessException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private StatefulConnection<byte[], byte[]> takeIdle() throws StoreAccessException {
    while (true) {
      StatefulConnection<byte[], byte[]> candidate;
      synchronized (this) {
        if (closed) {
          throw new StoreAccessException("the client of Redis at " + server + " is closed");
        }
        candidate = idle.pollFirst();
      }
      if (candidate == null || candidate.isOpen()) {
        return candidate;
      }
      quietlyClose(candidate);
    }
  }

  private void giveBack(StatefulConnection<byte[], byte[]> connection, boolean broken) {
    boolean keep = !broken && connection.isOpen();
    synchronized (this) {
      if (closed) {
        keep = false;
      }
      if (keep) {
        idle.addFirst(connection);
      }
    }
    if (!keep) {
      quietlyClose(connection);
    }
    permits.release();
  }

  /** Returns how many connections wait idle (for tests). */
  synchronized int idle() {
    return idle.size();
  }

  /** Closes the idle connections; lent ones are closed when handed back. Nothing is lent afterwards. */
  @Override
  public void close() {
    List<StatefulConnection<byte[], byte[]>> toClose;
    synchronized (this) {
      closed = true;
      toClose = List.copyOf(idle);
      idle.clear();
    }
    toClose.forEach(DedicatedPool::quietlyClose);
  }

  private static void quietlyClose(StatefulConnection<byte[], byte[]> connection) {
    try {
      connection.close();
    } catch (RuntimeException e) {
      LOG.debug("Closing a dedicated connection failed", e);
    }
  }
}
