package io.zenoo.cache.redis;

/** Turns client exceptions into short sentences for messages, without credentials or stack noise. */
final class RedisFailures {

  private RedisFailures() {}

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
