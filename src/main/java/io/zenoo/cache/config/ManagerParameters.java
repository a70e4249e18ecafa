package io.zenoo.cache.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;

/**
 * Checks what a cache manager is given before it exists, so that no mistake passes silently: the URI's
 * scheme, the names and values in a Redis URI's query, the keys and values of the {@code Properties} and of
 * the {@code -Dzenoo.cache.*} system properties. Each mistake fails with a {@link CacheException} naming
 * what was wrong and the nearest valid name ("did you mean redis?"). It also merges the parameter sources
 * of a manager in their order of precedence (system properties below the URI query, below the Properties).
 *
 * <p>What is left alone: opaque URIs without an authority ({@code myapp:caches}, memory managers by name),
 * query parameters that Lettuce reads ({@link #LETTUCE_QUERY_PARAMETERS}), and keys with a dot
 * ({@code hibernate.cache.*}, {@code javax.cache.*}): those belong to other frameworks.
 *
 * <p>Stateless and thread safe.
 */
public final class ManagerParameters {

  /** The prefix of system properties that set default cache parameters. */
  public static final String SYSTEM_PROPERTY_PREFIX = "zenoo.cache.";

  /** System properties under the prefix that are not cache parameters. */
  private static final Set<String> SYSTEM_PROPERTY_SETTINGS = Set.of("uri");

  /** The query parameters of a Redis URI that Lettuce itself reads; passed to it untouched. */
  public static final Set<String> LETTUCE_QUERY_PARAMETERS =
      Set.of("timeout", "database", "db", "sentinelMasterId", "clientName", "libraryName", "libraryVersion",
          "verifyPeer");

  private static final List<String> REDIS_SCHEMES = List.of("redis", "rediss", "redis-sentinel");
  private static final List<String> KNOWN_SCHEMES =
      List.of("redis", "rediss", "redis-sentinel", "classpath", "file", "jar");

  private ManagerParameters() {}

  /**
   * Checks a manager URI: one with an authority ({@code scheme://host...}) must have a scheme we know,
   * compared without regard to case.
   *
   * @throws CacheException naming the scheme and the nearest known one
   */
  public static void checkUri(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null || uri.getRawAuthority() == null) {
      return; // myapp:caches, zenoo:memory, a relative name: a memory manager of that name
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    if (KNOWN_SCHEMES.contains(lower)) {
      return;
    }
    throw new CacheException(
        "Unknown scheme '" + scheme + "' in the cache manager URI " + RedisUris.mask(uri.toString())
            + ": did you mean " + nearest(lower, KNOWN_SCHEMES) + "? Expected redis://, rediss:// or"
            + " redis-sentinel:// for Redis, classpath:, file: or jar: for a configuration file, or a name"
            + " without // (such as myapp:caches) for memory caches");
  }

  /** Returns whether a manager URI names a Redis server (scheme compared without regard to case). */
  public static boolean isRedis(URI uri) {
    String scheme = uri.getScheme();
    return scheme != null && REDIS_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT));
  }

  /**
   * Returns the Properties a manager works with, checked: the cache parameters of the system properties,
   * without those the URI's query sets (the URI is more specific), then the given Properties over them,
   * every other key of theirs kept as given.
   *
   * @param systemDefaults the parameters read by {@link #fromSystemProperties(Properties)}
   * @param given the Properties passed to {@code getCacheManager}, or null
   * @throws CacheException for an unknown parameter (a key without a dot that is not ours), a bad value, or
   *     a MemoryCache parameter given to a Redis manager, in the URI query or the Properties
   */
  public static Properties resolve(URI uri, Properties systemDefaults, @Nullable Properties given) {
    boolean redis = isRedis(uri);
    Map<String, String> query = redis ? RedisUris.queryParameters(uri) : Map.of();
    for (Map.Entry<String, String> e : query.entrySet()) {
      checkKnown(e.getKey(), "the query of " + RedisUris.mask(uri.toString()), /* inQuery= */ true);
      checkValue(e.getKey(), e.getValue(), /* redis= */ true, "the query of " + RedisUris.mask(uri.toString()));
    }
    Properties effective = new Properties();
    for (String key : systemDefaults.stringPropertyNames()) {
      if (!query.containsKey(key)) {
        effective.setProperty(key, systemDefaults.getProperty(key));
      }
    }
    if (given != null) {
      for (String key : given.stringPropertyNames()) {
        if (key.indexOf('.') < 0) {
          checkKnown(key, "the Properties given to getCacheManager", /* inQuery= */ false);
          checkValue(key, given.getProperty(key), redis, "the Properties given to getCacheManager");
        }
      }
      effective.putAll(given);
    }
    return effective;
  }

  /**
   * Returns the cache parameters set as {@code -Dzenoo.cache.<parameter>} system properties, checked.
   *
   * @throws CacheException for a {@code zenoo.cache.*} key that is neither a parameter nor {@code uri}, or
   *     a bad value
   */
  public static Properties fromSystemProperties(Properties system) {
    Properties parameters = new Properties();
    for (String name : system.stringPropertyNames()) {
      if (!name.startsWith(SYSTEM_PROPERTY_PREFIX)) {
        continue;
      }
      String key = name.substring(SYSTEM_PROPERTY_PREFIX.length());
      if (SYSTEM_PROPERTY_SETTINGS.contains(key) || key.indexOf('.') >= 0) {
        continue;
      }
      if (Parameter.byKey(key).isEmpty()) {
        throw new CacheException(
            "Unknown system property -D" + name + ": did you mean -D" + SYSTEM_PROPERTY_PREFIX
                + nearest(key, Parameter.keys()) + "? Expected " + SYSTEM_PROPERTY_PREFIX + "uri or "
                + SYSTEM_PROPERTY_PREFIX + "<parameter> with one of " + String.join(", ", Parameter.keys()));
      }
      String value = system.getProperty(name);
      Parameter.byKey(key).orElseThrow().parse(value);
      parameters.setProperty(key, value);
    }
    return parameters;
  }

  private static void checkKnown(String key, String where, boolean inQuery) {
    if (Parameter.byKey(key).isPresent() && !(inQuery && key.equals("url"))) {
      return;
    }
    List<String> candidates = new ArrayList<>(Parameter.keys());
    if (inQuery) {
      candidates.remove("url");
      candidates.addAll(LETTUCE_QUERY_PARAMETERS);
    }
    String also = inQuery
        ? "; Lettuce's own query parameters (" + String.join(", ", LETTUCE_QUERY_PARAMETERS.stream().sorted().toList())
            + ") pass through"
        : "; keys with a dot (hibernate.*, javax.cache.*) are left to other frameworks";
    throw new CacheException(
        "Unknown parameter '" + key + "' in " + where + ": did you mean " + nearest(key, candidates)
            + "? Expected one of " + String.join(", ", candidates) + also);
  }

  private static void checkValue(String key, String value, boolean redis, String where) {
    Parameter p = Parameter.byKey(key).orElseThrow();
    if (redis && !p.forRedis()) {
      throw new CacheException(
          "Parameter '" + key + "' in " + where + " is a MemoryCache parameter, but this manager's caches are"
              + " RedisCaches: expected a Redis parameter (for the fallback's bound, fallback_max_size),"
              + " or a memory manager URI");
    }
    p.parse(value);
  }

  /** Returns the candidate nearest to the word by edit distance (ties: the first), lower case compared. */
  static String nearest(String word, Collection<String> candidates) {
    String best = "";
    int bestDistance = Integer.MAX_VALUE;
    String w = word.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      int d = distance(w, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
