package io.zenoo.cache.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every cache parameter, declared once: its name (the key in {@code Properties}, {@code -Dzenoo.cache.*},
 * a Redis URI's query and a configuration file), its type and unit, its default, its validation with the
 * message a bad value gets, the backends that take it, whether it is secret, and its one-line
 * documentation. The builders of {@link MemoryCacheConfiguration} and {@link RedisCacheConfiguration}
 * store their parameters by these constants, and every parser, {@code toString()}, {@code equals},
 * descriptor, the reference configuration file and the documentation's parameter table are driven by this
 * enum ({@link ParameterTable} renders the table; a test compares it with the docs).
 *
 * <p>Immutable and thread safe.
 */
public enum Parameter {
  /** The MemoryCache entry bound. */
  MAX_SIZE("max_size", Kind.COUNT, 1000L, "entries", Backend.MEMORY,
      "entry bound; beyond it the least recently used entry goes first (CLOCK approximation of LRU)"),
  /** A created-expiry shorthand. */
  DEFAULT_TTL("default_ttl", Kind.OPTIONAL_SECONDS, null, "seconds", Backend.BOTH,
      "time to live from creation (`none`: never expire); short for the expiry policy `created:<seconds>`, applied only"
          + " where the cache's own expiry policy is the eternal default"),
  /** The sweep period. */
  CLEANUP_INTERVAL("cleanup_interval", Kind.SECONDS, Duration.ofSeconds(60), "seconds", Backend.MEMORY,
      "period of the background sweep of expired entries (one daemon thread for all caches)"),
  /** The Redis server. */
  URL("url", Kind.URL, "redis://localhost:6379/0", "", Backend.REDIS,
      "Lettuce URI: `redis://[[user:]password@]host[:port][/db]`, `rediss://` (TLS), `redis-sentinel://…#master`,"
          + " comma-separated hosts for a Cluster; always shown masked"),
  /** The key prefix. */
  NAMESPACE("namespace", Kind.NAMESPACE, "zenoo", "", Backend.REDIS,
      "key prefix: keys are `namespace:cacheName:key`; no whitespace, no `:`"),
  /** The codec. */
  SERIALIZER("serializer", Kind.SERIALIZER, "json", "", Backend.REDIS,
      "`json` (Jackson), `java` (alias `pickle`; JDK serialization behind an allow-list) or a codec's fully"
          + " qualified class name"),
  /** The connection bound. */
  MAX_CONNECTIONS("max_connections", Kind.POSITIVE_INT, 20, "connections", Backend.REDIS,
      "upper bound of TCP connections to one server"),
  /** Attempts in total. */
  RETRY_ATTEMPTS("retry_attempts", Kind.ATTEMPTS, 3, "attempts", Backend.REDIS,
      "attempts in total, the first included (1: no retry), after a connection error or timeout"),
  /** First backoff. */
  RETRY_BACKOFF_BASE("retry_backoff_base", Kind.SECONDS, Duration.ofMillis(100), "seconds", Backend.REDIS,
      "delay before attempt 2, doubled for each further one, with jitter; also paces reconnection"),
  /** Backoff cap. */
  RETRY_BACKOFF_MAX("retry_backoff_max", Kind.SECONDS, Duration.ofSeconds(60), "seconds", Backend.REDIS,
      "cap of that delay; at least `retry_backoff_base`"),
  /** Health PING period. */
  HEALTH_CHECK_INTERVAL("health_check_interval", Kind.SECONDS, Duration.ofSeconds(30), "seconds", Backend.REDIS,
      "period of the health-check PING"),
  /** Failures that open the circuit. */
  CIRCUIT_BREAKER_THRESHOLD("circuit_breaker_threshold", Kind.NON_NEGATIVE_INT, 5, "failures", Backend.REDIS,
      "consecutive failed operations that open the circuit; 0 turns the breaker off"),
  /** Open time. */
  CIRCUIT_BREAKER_TIMEOUT("circuit_breaker_timeout", Kind.SECONDS, Duration.ofSeconds(60), "seconds",
      Backend.REDIS, "time the circuit stays open before a probe may pass"),
  /** Command timeout. */
  SOCKET_TIMEOUT("socket_timeout", Kind.SECONDS, Duration.ofSeconds(5), "seconds", Backend.REDIS,
      "timeout of one command"),
  /** Connect timeout. */
  SOCKET_CONNECT_TIMEOUT("socket_connect_timeout", Kind.SECONDS, Duration.ofSeconds(5), "seconds", Backend.REDIS,
      "timeout of one connection attempt"),
  /** The in-memory fallback. */
  ENABLE_FALLBACK("enable_fallback", Kind.BOOLEAN, true, "", Backend.REDIS,
      "serve from an in-memory fallback while Redis is unusable"),
  /** Fallback bound. */
  FALLBACK_MAX_SIZE("fallback_max_size", Kind.COUNT, 10_000L, "entries", Backend.REDIS,
      "entry bound of the in-memory fallback (least recently used go first)"),
  /** Recovery mode. */
  FALLBACK_RECONCILE("fallback_reconcile", Kind.RECONCILE, "invalidate", "", Backend.REDIS,
      "on recovery, `invalidate` deletes in Redis the keys written during the outage; `replay` writes the"
          + " fallback's values back with their remaining time to live"),
  /** The codecs' allow-list. */
  ALLOWED_PACKAGES("allowed_packages", Kind.NAMES, List.of(), "", Backend.REDIS,
      "comma-separated packages (at least two segments: `com.example`, not `com`; no JDK packages) or class"
          + " names (`com.example.Money`) the codecs may instantiate beyond the declared types"),
  /** TLS trust. */
  SSL_TRUSTSTORE("ssl_truststore", Kind.PATH, null, "", Backend.REDIS,
      "path of the PKCS12 or JKS truststore `rediss://` connections verify the server against (default: the"
          + " JVM's trust)"),
  /** Its password. */
  SSL_TRUSTSTORE_PASSWORD("ssl_truststore_password", Kind.SECRET, null, "", Backend.REDIS,
      "the truststore's password; never printed");

  /** The backends a parameter applies to. */
  enum Backend {
    MEMORY,
    REDIS,
    BOTH
  }

  private final String key;
  private final Kind kind;
  private final @Nullable Object defaultValue;
  private final String unit;
  private final Backend backend;
  private final String doc;

  Parameter(String key, Kind kind, @Nullable Object defaultValue, String unit, Backend backend, String doc) {
    this.key = key;
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.unit = unit;
    this.backend = backend;
    this.doc = doc;
  }

  /** Returns the parameter's name, as {@code Properties}, URIs and files spell it. */
  public String key() {
    return key;
  }

  /** Returns the default value (null: none), of the type {@link #value(Object)} gives. */
  public @Nullable Object defaultValue() {
    return defaultValue;
  }

  /** Returns the default as a configuration file or a {@code Properties} value spells it. */
  public String defaultText() {
    return kind.text(defaultValue);
  }

  /** Returns the unit (seconds, entries, ...) or an empty string. */
  public String unit() {
    return unit;
  }

  /** Returns what a value must look like, as messages say it. */
  public String expected() {
    return kind.expected;
  }

  /** Returns the one-line documentation (Markdown). */
  public String doc() {
    return doc;
  }

  /** Returns whether a MemoryCache takes it. */
  public boolean forMemory() {
    return backend != Backend.REDIS;
  }

  /** Returns whether a RedisCache takes it. */
  public boolean forRedis() {
    return backend != Backend.MEMORY;
  }

  /** Returns whether the value is a secret, never shown. */
  public boolean isSecret() {
    return kind == Kind.SECRET;
  }

  /** Returns the parameter of the name, if there is one. */
  public static Optional<Parameter> byKey(String key) {
    for (Parameter p : values()) {
      if (p.key.equals(key)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Returns every parameter name, in declaration order. */
  public static Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    for (Parameter p : values()) {
      keys.add(p.key);
    }
    return keys;
  }

  /** Returns the parameters a MemoryCache takes. */
  static Set<Parameter> memory() {
    Set<Parameter> set = EnumSet.noneOf(Parameter.class);
    for (Parameter p : values()) {
      if (p.forMemory()) {
        set.add(p);
      }
    }
    return set;
  }

  /** Returns the parameters a RedisCache takes. */
  static Set<Parameter> redis() {
    Set<Parameter> set = EnumSet.noneOf(Parameter.class);
    for (Parameter p : values()) {
      if (p.forRedis()) {
        set.add(p);
      }
    }
    return set;
  }

  /**
   * Parses a text value (of {@code Properties}, a URI query or a file) into the value this parameter
   * holds, checked as a builder checks it.
   *
   * @throws javax.cache.CacheException naming the parameter and what was expected
   */
  public @Nullable Object parse(String text) {
    try {
      return value(kind.parse(this, text));
    } catch (IllegalArgumentException | ArithmeticException e) {
      String shown = isSecret() ? RedisUris.MASK : this == URL ? RedisUris.mask(text) : text;
      throw new javax.cache.CacheException(
          "Invalid value '" + shown + "' for property '" + key + "': expected " + kind.expected, e);
    }
  }

  /**
   * Returns the value checked (and normalised: {@code pickle} becomes {@code java}, lists become
   * immutable), as a builder setter takes it.
   *
   * @throws IllegalArgumentException {@code "<name> must be ..., but was ..."}
   * @throws NullPointerException naming the parameter, for a null where the parameter has no "none"
   */
  @Nullable Object value(@Nullable Object value) {
    return kind.check(this, value);
  }

  /** Returns the value as {@code toString()} shows it: a URL masked, a secret replaced. */
  String show(@Nullable Object value) {
    if (value == null) {
      return "none";
    }
    if (isSecret()) {
      return RedisUris.MASK;
    }
    if (value instanceof Duration || value instanceof List) {
      return value.toString();
    }
    return this == URL ? RedisUris.mask((String) value) : kind.text(value);
  }

  /** The type of a parameter: how its text parses, how its value is checked, what a message expects. */
  enum Kind {
    COUNT("a whole number > 0"),
    POSITIVE_INT("a whole number > 0"),
    ATTEMPTS("a whole number >= 1"),
    NON_NEGATIVE_INT("a whole number >= 0"),
    SECONDS("a positive number of seconds such as 30 or 0.5"),
    OPTIONAL_SECONDS("a positive number of seconds such as 30 or 0.5, or none"),
    BOOLEAN("true, false, yes or no"),
    URL("a redis://, rediss:// or redis-sentinel:// URI naming a host"),
    NAMESPACE("a non-empty name without whitespace or ':'"),
    SERIALIZER("json, java, pickle or the fully qualified class name of a codec"),
    RECONCILE("invalidate or replay"),
    NAMES("comma-separated package prefixes of at least two segments or class names such as"
        + " com.example,org.acme.Money"),
    PATH("the path of a PKCS12 or JKS truststore file"),
    SECRET("a password");

    final String expected;

    Kind(String expected) {
      this.expected = expected;
    }

    @Nullable Object parse(Parameter p, String text) {
      String t = text.trim();
      return switch (this) {
        case COUNT -> Long.parseLong(t);
        case POSITIVE_INT, ATTEMPTS, NON_NEGATIVE_INT -> Integer.parseInt(t);
        case SECONDS -> {
          Duration d = Values.seconds(t);
          if (d == null) {
            throw new IllegalArgumentException(p.key + " takes no 'none'");
          }
          yield d;
        }
        case OPTIONAL_SECONDS -> Values.seconds(t);
        case BOOLEAN -> Values.yesNo(t);
        case NAMES -> Values.list(t);
        case SECRET -> text;
        default -> t;
      };
    }

    @Nullable Object check(Parameter p, @Nullable Object v) {
      if (v == null) {
        if (this == OPTIONAL_SECONDS || this == PATH || this == SECRET) {
          return null;
        }
        throw new NullPointerException(p.key);
      }
      switch (this) {
        case COUNT -> require(p, ((Number) v).longValue() > 0, "> 0", v);
        case POSITIVE_INT -> require(p, ((Integer) v) > 0, "> 0", v);
        case ATTEMPTS -> require(p, ((Integer) v) >= 1, ">= 1", v);
        case NON_NEGATIVE_INT -> require(p, ((Integer) v) >= 0,
            p == CIRCUIT_BREAKER_THRESHOLD ? ">= 0 (0 turns the breaker off)" : ">= 0", v);
        // the MemoryCache parameters always said "positive", the RedisCache ones "> 0"
        case SECONDS, OPTIONAL_SECONDS -> require(p, !((Duration) v).isZero() && !((Duration) v).isNegative(),
            p.forMemory() ? "positive" : "> 0", v);
        case BOOLEAN -> require(p, v instanceof Boolean, "true or false", v);
        case URL -> {
          return RedisUris.check((String) v);
        }
        case NAMESPACE -> Values.namespace((String) v);
        case SERIALIZER -> {
          return Values.serializer((String) v);
        }
        case RECONCILE -> require(p, v.equals("invalidate") || v.equals("replay"), "invalidate or replay",
            "'" + v + "'");
        case NAMES -> {
          return Values.allowedNames(toList(v));
        }
        case PATH -> {
          if (((String) v).isBlank()) {
            throw new IllegalArgumentException(p.key + " must be a file path, but was blank");
          }
        }
        case SECRET -> { }
      }
      return p == MAX_SIZE || p == FALLBACK_MAX_SIZE ? Long.valueOf(((Number) v).longValue()) : v;
    }

    String text(@Nullable Object v) {
      if (v == null) {
        return this == OPTIONAL_SECONDS ? "none" : "";
      }
      if (v instanceof Duration d) {
        return Values.secondsText(d);
      }
      if (v instanceof List<?> list) {
        return String.join(",", list.stream().map(String::valueOf).toList());
      }
      return String.valueOf(v);
    }

    private static List<String> toList(Object v) {
      List<String> items = new ArrayList<>();
      for (Object o : (Collection<?>) v) {
        items.add(Objects.requireNonNull((String) o, "allowed_packages entry"));
      }
      return items;
    }

    private static void require(Parameter p, boolean ok, String constraint, Object shown) {
      if (!ok) {
        throw new IllegalArgumentException(p.key + " must be " + constraint + ", but was " + shown);
      }
    }
  }
}
