package io.zenoo.cache.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of one server that can cut the link the way a network partition does:
 * {@link #blackhole()} stops forwarding in both directions without closing anything (clients see a
 * silent peer, not a closed socket; new connections are accepted but not forwarded), and {@link #heal()}
 * resumes. Bytes sent while the link is cut are held, not dropped, and delivered on heal, as a real
 * network delivers the segments it buffered or retransmits: a command that timed out on the client may
 * still reach the server afterwards.
 *
 * <p><b>Threads.</b> One daemon thread accepts, and two per connection pump bytes (one per direction);
 * a pump that read a chunk while the link is cut keeps it until heal and reads nothing more, so further
 * bytes wait in the kernel's socket buffers.
 *
 * <p>Thread safe. {@link #close()} closes the listening socket and every connection.
 */
public final class PartitionProxy implements AutoCloseable {

  private static final int CHUNK = 16 * 1024;

  private final int targetPort;
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object link = new Object();
  private boolean cut; // guarded by link
  private volatile boolean closed;

  private PartitionProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getByName(RedisServer.HOST));
    Thread acceptor = new Thread(this::accept, "partition-proxy-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a proxy on a free loopback port forwarding to the given loopback port. */
  public static PartitionProxy to(int targetPort) {
    try {
      return new PartitionProxy(targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a partition proxy to port " + targetPort, e);
    }
  }

  /** Starts a proxy to the server's port. */
  public static PartitionProxy to(RedisServer server) {
    return to(server.port());
  }

  /** Returns the port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Returns {@code redis://127.0.0.1:<port>} of the proxy. */
  public URI uri() {
    return URI.create("redis://" + RedisServer.HOST + ":" + port());
  }

  /** Cuts the link: nothing is forwarded, nothing is closed, until {@link #heal()}. */
  public void blackhole() {
    synchronized (link) {
      cut = true;
    }
  }

  /** Restores the link: what was held is delivered, then forwarding goes on. */
  public void heal() {
    synchronized (link) {
      cut = false;
      link.notifyAll();
    }
  }

  /** Returns whether the link is cut now. */
  public boolean isBlackholed() {
    synchronized (link) {
      return cut;
    }
  }

  @Override
  public void close() {
    closed = true;
    heal();
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  @Override
  public String toString() {
    return "PartitionProxy[" + port() + " -> " + targetPort + (isBlackholed() ? ", blackholed" : "") + "]";
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      sockets.add(client);
      Thread opener = new Thread(() -> open(client), "partition-proxy-open-" + client.getPort());
      opener.setDaemon(true);
      opener.start();
    }
  }

  /** Connects the accepted client to the target once the link is up, then pumps both ways. */
  private void open(Socket client) {
    Socket server = new Socket();
    try {
      awaitLink();
      server.connect(new InetSocketAddress(RedisServer.HOST, targetPort), 5_000);
      sockets.add(server);
      server.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
    } catch (IOException | InterruptedException e) {
      closeQuietly(client);
      closeQuietly(server);
      return;
    }
    pump(client, server, "up");
    pump(server, client, "down");
  }

  private void pump(Socket from, Socket to, String direction) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[CHUNK];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          awaitLink(); // held while the link is cut, delivered on heal
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // one side closed: close both, as a proxy does
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "partition-proxy-" + direction + "-" + from.getPort());
    thread.setDaemon(true);
    thread.start();
  }

  private void awaitLink() throws InterruptedException {
    synchronized (link) {
      while (cut && !closed) {
        link.wait();
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
