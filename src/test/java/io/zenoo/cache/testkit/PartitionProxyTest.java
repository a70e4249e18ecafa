package io.zenoo.cache.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The partition proxy against a real server: forwards, blackholes without closing, holds, delivers on heal. */
@ExtendWith(RedisExtension.class)
class PartitionProxyTest {

  private static final int SILENCE_MILLIS = 300;

  private static Socket raw(PartitionProxy proxy) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(RedisServer.HOST, proxy.port()), 2_000);
    socket.setSoTimeout(SILENCE_MILLIS);
    return socket;
  }

  private static void send(Socket socket, String inline) throws IOException {
    socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  private static String line(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("closed by the proxy");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Test
  void forwards_blackholesBothWaysWithoutClosing_holdsWhatWasSent_andDeliversItOnHeal(RedisServer server)
      throws Exception {
    try (PartitionProxy proxy = PartitionProxy.to(server);
        Socket before = raw(proxy);
        RespConnection resp = RespConnection.open(proxy.port(), Duration.ofSeconds(2))) {
      assertThat(resp.command("SET", "k", "through")).isEqualTo("OK");
      assertThat(server.command("GET", "k")).isEqualTo("through");
      send(before, "PING");
      assertThat(line(before)).isEqualTo("+PONG");

      proxy.blackhole();
      send(before, "INCR n");
      assertThatThrownBy(() -> line(before)).as("no answer, and not closed either")
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(server.command("GET", "n")).as("held, not delivered").isNull();
      Socket during = raw(proxy); // accepted, not forwarded
      send(during, "PING");
      assertThatThrownBy(() -> line(during)).isInstanceOf(SocketTimeoutException.class);

      proxy.heal();
      before.setSoTimeout(5_000);
      during.setSoTimeout(5_000);
      assertThat(line(before)).as("the held command ran late, and its answer came back").isEqualTo(":1");
      assertThat(server.command("GET", "n")).isEqualTo("1");
      assertThat(line(during)).isEqualTo("+PONG");
      during.close();
    }
  }
}
