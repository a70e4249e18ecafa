package io.zenoo.cache.serialization;

import javax.cache.CacheException;

/**
 * Thrown by a {@link Codec} that cannot encode a value or decode bytes. The message names the class
 * involved and what went wrong, and never contains the bytes or the value itself; the cause, when there is
 * one, is the underlying library's exception.
 */
public class CodecException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that names the class and the problem. */
  public CodecException(String message) {
    super(message);
  }

  /** Creates an exception with a message that names the class and the problem, and its cause. */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
