package io.zenoo.cache.testkit;

import static java.util.Objects.requireNonNull;

/**
 * A Redis ACL user name and its password. {@link #toString()} masks the password.
 *
 * @param username the ACL user ({@code default} for the default user)
 * @param password its password, in clear
 */
public record RedisCredentials(String username, String password) {

  /** The name Redis gives the user that unauthenticated connections run as. */
  public static final String DEFAULT_USER = "default";

  /** Checks that both parts are present and safe in a Redis configuration file and a URI. */
  public RedisCredentials {
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    requireToken("username", username);
    requireToken("password", password);
  }

  @Override
  public String toString() {
    return "RedisCredentials[username=" + username + ", password=****]";
  }

  private static void requireToken(String what, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 127 || c == '"' || c == '\'' || c == '\\') {
        throw new IllegalArgumentException(
            what + " must be printable ASCII without spaces, quotes or backslashes");
      }
    }
  }
}
