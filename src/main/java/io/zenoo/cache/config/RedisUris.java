package io.zenoo.cache.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Helpers for Redis URLs in Lettuce's syntax ({@code redis://}, {@code rediss://} for TLS,
 * {@code redis-sentinel://}; a comma-separated host list for Sentinel and Cluster seed nodes), kept as
 * strings so that this package needs no Redis client.
 *
 * <p>{@link #mask(String)} is the one way a URL is shown in a {@code toString()}, a message, a log line or
 * an MBean attribute: credentials never print. {@link #withoutZenooParameters(String)} removes our
 * parameters from a manager URI's query so that what remains can be handed to the Redis client.
 *
 * <p>Stateless and thread safe.
 */
public final class RedisUris {

  /** The schemes a RedisCache URL may have. */
  public static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-sentinel");

  /** What stands in for a credential in a masked URL. */
  public static final String MASK = "****";

  /**
   * The query parameters that are ours: every RedisCache parameter except {@code url}, which is the URI
   * itself. Lettuce's parameters ({@code timeout}, {@code database}, {@code sentinelMasterId},
   * {@code clientName}, ...) are camel case and never collide with these.
   */
  static final Set<String> QUERY_KEYS =
      Parameter.keys().stream().filter(k -> !k.equals("url")).collect(Collectors.toUnmodifiableSet());

  private RedisUris() {}

  /**
   * Returns the URL with its credentials replaced by {@value #MASK}: {@code redis://user:pw@host} becomes
   * {@code redis://user:****@host}, {@code redis://pw@host} and {@code redis://:pw@host} become
   * {@code redis://****@host}. Works on any string, parseable or not: everything between {@code //} and
   * the last {@code @} counts as user info (without {@code //}, everything before the last {@code @}), and
   * only a user name free of {@code / ? # @} is kept, so a password containing such characters is masked
   * whole. When the path, query or fragment contains an {@code @}, more than the credentials is masked,
   * never less. A null URL gives {@code "null"}.
   */
  public static String mask(@Nullable String url) {
    if (url == null) {
      return "null";
    }
    int at = url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int slashes = url.indexOf("//");
    if (slashes < 0 || slashes > at) {
      return MASK + url.substring(at);
    }
    int start = slashes + 2;
    String userInfo = url.substring(start, at);
    int colon = userInfo.indexOf(':');
    String user = colon > 0 ? userInfo.substring(0, colon) : "";
    boolean keepUser = !user.isEmpty() && user.chars().noneMatch(c -> "/?#".indexOf(c) >= 0);
    String masked = keepUser ? user + ":" + MASK : MASK;
    return url.substring(0, start) + masked + url.substring(at);
  }

  /**
   * Returns the URL without our query parameters ({@code namespace}, {@code serializer},
   * {@code socket_timeout}, ... : the RedisCache parameter names), keeping every other parameter in its
   * order and encoding ({@code timeout}, {@code database}, {@code sentinelMasterId}, {@code clientName}) and
   * the fragment (Sentinel's master id); the {@code ?} goes when no parameter is left. Parameter names are
   * compared after percent-decoding.
   */
  public static String withoutZenooParameters(String url) {
    Objects.requireNonNull(url, "url");
    int question = url.indexOf('?');
    int hash = url.indexOf('#');
    if (question < 0 || (hash >= 0 && hash < question)) {
      return url;
    }
    int queryEnd = hash < 0 ? url.length() : hash;
    List<String> kept = new ArrayList<>();
    for (String parameter : url.substring(question + 1, queryEnd).split("&", -1)) {
      if (parameter.isEmpty()) {
        continue;
      }
      int eq = parameter.indexOf('=');
      String name = decodeOrNull(eq < 0 ? parameter : parameter.substring(0, eq));
      if (name == null || !QUERY_KEYS.contains(name)) {
        kept.add(parameter);
      }
    }
    return url.substring(0, question)
        + (kept.isEmpty() ? "" : "?" + String.join("&", kept))
        + url.substring(queryEnd);
  }

  /**
   * Returns our parameters found in the URI's query, names and values percent-decoded ({@code +} is kept
   * as a plus sign), in order; a parameter given twice keeps its last value, a name without {@code =} has
   * the empty value.
   */
  static Map<String, String> zenooParameters(URI uri) {
    Map<String, String> found = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query == null) {
      return found;
    }
    for (String parameter : query.split("&", -1)) {
      int eq = parameter.indexOf('=');
      String name = decodeOrNull(eq < 0 ? parameter : parameter.substring(0, eq));
      if (name != null && QUERY_KEYS.contains(name)) {
        String value = eq < 0 ? "" : decodeOrNull(parameter.substring(eq + 1));
        // java.net.URI has already checked the escapes, so a value always decodes
        found.put(name, value == null ? "" : value);
      }
    }
    return found;
  }

  /**
   * Returns every parameter in the URI's query that is not Lettuce's
   * ({@link ManagerParameters#LETTUCE_QUERY_PARAMETERS}), ours or not, decoded as
   * {@link #zenooParameters(URI)} decodes them: what {@link ManagerParameters} checks.
   */
  static Map<String, String> queryParameters(URI uri) {
    Map<String, String> found = new LinkedHashMap<>();
    String query = uri.getRawQuery();
    if (query == null) {
      return found;
    }
    for (String parameter : query.split("&", -1)) {
      if (parameter.isEmpty()) {
        continue;
      }
      int eq = parameter.indexOf('=');
      String name = decodeOrNull(eq < 0 ? parameter : parameter.substring(0, eq));
      if (name != null && !ManagerParameters.LETTUCE_QUERY_PARAMETERS.contains(name)) {
        String value = eq < 0 ? "" : decodeOrNull(parameter.substring(eq + 1));
        found.put(name, value == null ? "" : value);
      }
    }
    return found;
  }

  /**
   * Checks that the URL is a Redis URL naming a host and returns it with its scheme in lower case (schemes
   * are case-insensitive, RFC 3986, and Lettuce compares them as lower case); the messages name the
   * parameter {@code url} and show the URL masked. A {@link URISyntaxException} is not attached as the
   * cause because its message repeats the input, credentials included.
   */
  static String check(String url) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "url must be a valid URI (" + e.getReason() + " at index " + e.getIndex() + "), but was '"
              + mask(url) + "'");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "url must start with redis://, rediss:// or redis-sentinel://, but was '" + mask(url) + "'");
    }
    String authority = uri.getRawAuthority();
    String hosts = authority == null ? "" : authority.substring(authority.lastIndexOf('@') + 1);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(
          "url must name a host, as in redis://localhost:6379/0, but was '" + mask(url) + "'");
    }
    for (String host : hosts.split(",", -1)) {
      if (!isHostAndPort(host)) {
        throw new IllegalArgumentException(
            "url must name its hosts as host[:port], separated by commas, but was '" + mask(url) + "'");
      }
    }
    return scheme.toLowerCase(Locale.ROOT) + url.substring(scheme.length());
  }

  /** Returns whether the text is {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}. */
  private static boolean isHostAndPort(String text) {
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 2) {
        return false;
      }
      String rest = text.substring(close + 1);
      if (rest.isEmpty()) {
        return true;
      }
      if (!rest.startsWith(":")) {
        return false;
      }
      port = rest.substring(1);
    } else {
      int colon = text.indexOf(':');
      if (colon == 0 || text.isEmpty()) {
        return false;
      }
      if (colon < 0) {
        return true;
      }
      port = text.substring(colon + 1);
    }
    return !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static @Nullable String decodeOrNull(String encoded) {
    try {
      // URLDecoder is for forms, where '+' is a space; in a URI query it is a plus sign
      return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
