package io.zenoo.cache.testkit;

/**
 * An error reply from the server ({@code -ERR ...}, {@code -NOAUTH ...}, {@code -WRONGPASS ...}).
 * The connection that received it stays usable.
 */
public final class RespException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RespException(String reply) {
    super(reply);
  }

  /** Returns the error code, the first word of the reply ({@code ERR}, {@code NOAUTH}, ...). */
  public String code() {
    String message = getMessage();
    int space = message.indexOf(' ');
    return space < 0 ? message : message.substring(0, space);
  }
}
