package io.zenoo.cache.testkit;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A minimal RESP2 client over one blocking socket, optionally TLS: enough for health checks and
 * administration ({@code PING}, {@code AUTH}, {@code CLIENT KILL}, {@code ACL}, {@code CONFIG}) and for
 * tests that want to see exactly what a server answers, with no client library.
 *
 * <p>Replies map to Java as: simple and bulk strings to {@code String} (UTF-8), integers to {@code
 * Long}, arrays to {@code List<Object>}, null bulk strings and arrays to {@code null}; an error reply
 * is thrown as a {@link RespException} (inside an array it is returned as one). Every read is bounded
 * by the connection's timeout, so a paused server makes a command fail with a {@link
 * java.net.SocketTimeoutException} instead of hanging.
 *
 * <p>Not thread-safe: one command at a time, from one thread.
 */
public final class RespConnection implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
  }

  /**
   * Opens a plain-text connection to {@code 127.0.0.1:port}.
   *
   * @param timeout bounds the connect and every later read
   * @throws java.net.ConnectException if nothing listens on the port
   */
  public static RespConnection open(int port, Duration timeout) throws IOException {
    return open(RedisServer.HOST, port, timeout, /* tls= */ null);
  }

  /**
   * Opens a connection to {@code host:port}; over TLS when {@code tls} is given, with the server's
   * certificate verified against it and its host name or IP address checked.
   *
   * @param timeout bounds the connect, the TLS handshake and every later read
   * @throws java.net.ConnectException if nothing listens on the port
   * @throws javax.net.ssl.SSLException if the TLS handshake fails
   */
  public static RespConnection open(
      String host, int port, Duration timeout, @Nullable SSLContext tls) throws IOException {
    requireNonNull(host, "host");
    int millis = toMillis(timeout);
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(host, port), millis);
      plain.setSoTimeout(millis);
      plain.setTcpNoDelay(true);
      if (tls == null) {
        return new RespConnection(plain);
      }
      SSLSocket secure =
          (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, /* autoClose= */ true);
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      secure.setSSLParameters(parameters);
      secure.startHandshake();
      return new RespConnection(secure);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** Sets the bound of every later read. */
  public void timeout(Duration timeout) throws SocketException {
    socket.setSoTimeout(toMillis(timeout));
  }

  /**
   * Sends one command and returns its reply.
   *
   * @throws RespException if the server answers with an error
   * @throws EOFException if the server closed the connection
   * @throws java.net.SocketTimeoutException if no reply came within the timeout; the connection
   *     is then out of step and should be closed
   */
  public @Nullable Object command(String... arguments) throws IOException {
    if (arguments.length == 0) {
      throw new IllegalArgumentException("a command needs at least its name");
    }
    write(arguments);
    Object reply = read();
    if (reply instanceof RespException error) {
      throw new RespException(error.getMessage());
    }
    return reply;
  }

  /** Closes the socket; idempotent. */
  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void write(String... arguments) throws IOException {
    out.write(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String argument : arguments) {
      byte[] bytes = requireNonNull(argument, "argument").getBytes(StandardCharsets.UTF_8);
      out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write('\r');
      out.write('\n');
    }
    out.flush();
  }

  private @Nullable Object read() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("the server closed the connection");
    }
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        return new RespException(line);
      case ':':
        return Long.parseLong(line);
      case '$':
        return readBulk(Integer.parseInt(line));
      case '*':
        return readArray(Integer.parseInt(line));
      default:
        throw new IOException("not a RESP2 reply: '" + (char) type + line + "'");
    }
  }

  private @Nullable String readBulk(int length) throws IOException {
    if (length < 0) {
      return null;
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length || in.read() != '\r' || in.read() != '\n') {
      throw new EOFException("the server closed the connection within a reply");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private @Nullable List<@Nullable Object> readArray(int length) throws IOException {
    if (length < 0) {
      return null;
    }
    List<@Nullable Object> elements = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      elements.add(read());
    }
    return elements;
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); ; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the server closed the connection within a reply");
      }
      if (b == '\r') {
        if (in.read() != '\n') {
          throw new IOException("malformed RESP line: CR without LF");
        }
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
  }

  private static int toMillis(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0, but was " + timeout);
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
  }
}
