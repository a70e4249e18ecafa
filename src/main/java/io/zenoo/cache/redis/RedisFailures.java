package io.zenoo.cache.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.zenoo.cache.store.StoreAccessException.Kind;
import java.util.List;

/** Turns client exceptions into short sentences for messages, without credentials or stack noise. */
final class RedisFailures {

  /** Error replies that mean "not now" rather than "wrong": the server is loading, busy or failing over. */
  private static final List<String> TRANSIENT_REPLIES =
      List.of("LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "READONLY");

  private RedisFailures() {}

  /**
   * Classifies a client failure: not reached (refused, not connected, a transient error reply), timed out
   * or lost in flight (the command may have run), or an error the server answered (including wrong
   * credentials and a TLS handshake refused: trying again does not cure them, and a fallback must not
   * hide them).
   */
  static Kind kind(Throwable e) {
    Throwable reply = find(e, RedisCommandExecutionException.class);
    if (reply != null) {
      String message = String.valueOf(reply.getMessage());
      return TRANSIENT_REPLIES.stream().anyMatch(message::startsWith) ? Kind.UNREACHABLE : Kind.ERROR;
    }
    if (find(e, RedisCommandInterruptedException.class) != null) {
      return Kind.ERROR;
    }
    Throwable tls = find(e, javax.net.ssl.SSLException.class);
    if (tls != null && !tls.getClass().getSimpleName().contains("Timeout")) {
      return Kind.ERROR; // an untrusted certificate or a protocol mismatch: configuration, not an outage
    }
    if (find(e, RedisCommandTimeoutException.class) != null) {
      return Kind.TIMEOUT;
    }
    if (find(e, RedisConnectionException.class) != null || find(e, java.net.ConnectException.class) != null) {
      return Kind.UNREACHABLE;
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("not connected") || message.contains("Connection refused")) {
      return Kind.UNREACHABLE; // rejected by the client while it reconnects: never sent
    }
    return Kind.TIMEOUT; // anything else (a connection closed under the command): the outcome is unknown
  }

  private static @org.jspecify.annotations.Nullable Throwable find(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }

  /** Returns the exception's type and message, and its root cause's if different. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String first = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (root == e) {
      return first;
    }
    return first + " (caused by " + root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
  }
}
