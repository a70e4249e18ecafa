package io.zenoo.cache.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import javax.cache.CacheException;

/**
 * A declarative configuration file, loaded and validated: the file defaults, the caches it names (each
 * merged from defaults, its template and its own settings) and whether caches it does not name are created
 * with the defaults when asked for. A manager whose URI is {@code classpath:…}, {@code file:…} or
 * {@code jar:…!/…} reads one ({@link #isConfigurationUri(URI)}).
 *
 * <p>The file is {@code .properties} text (UTF-8):
 *
 * <pre>
 * defaults.backend=memory                 # memory or redis
 * defaults.url=redis://cache.example:6379/0
 * defaults.max_size=5000
 * defaults.create_missing_caches=true     # caches asked for by name get the defaults
 * templates.short.expiry=created:60
 * caches.users.template=short
 * caches.users.key_type=java.lang.String
 * caches.sessions.backend=redis
 * caches.sessions.expiry=accessed:1800
 * </pre>
 *
 * <p>Every section takes the parameters of {@link CacheProperties#MEMORY_KEYS} and
 * {@link CacheProperties#REDIS_KEYS} with the same syntax as {@code Properties}, plus {@code backend},
 * {@code expiry}, {@code statistics}, {@code management}, {@code store_by_value}, {@code key_type} and
 * {@code value_type}; a cache also takes {@code template}, the defaults also {@code create_missing_caches}.
 * The reference file {@value #REFERENCE_RESOURCE} in the jar lists every key with its default. Unknown keys,
 * wrong types and bad values fail {@link #load} with a {@link CacheException} naming the file, the key and
 * what was expected.
 *
 * <p>Immutable and thread safe.
 */
public final class ConfigurationFile {

  /** The class-path resource of the reference file, which documents every key with its default. */
  public static final String REFERENCE_RESOURCE = "zenoo-cache-reference.properties";

  private final URI uri;
  private final boolean createMissingCaches;
  private final CacheSettings defaults;
  private final Map<String, CacheSettings> caches;

  ConfigurationFile(URI uri, boolean createMissingCaches, CacheSettings defaults, Map<String, CacheSettings> caches) {
    this.uri = uri;
    this.createMissingCaches = createMissingCaches;
    this.defaults = defaults;
    this.caches = Collections.unmodifiableMap(new LinkedHashMap<>(caches));
  }

  /** Returns whether the URI names a configuration file: its scheme is {@code classpath}, {@code file} or {@code jar}. */
  public static boolean isConfigurationUri(URI uri) {
    Objects.requireNonNull(uri, "uri");
    return ConfigurationResources.isConfigurationUri(uri);
  }

  /**
   * Reads and validates the file the URI names; {@code classpath:} resources are looked up with the class
   * loader, which also loads {@code key_type} and {@code value_type}.
   *
   * @throws CacheException if the file cannot be read (missing, relative {@code file:} URI, I/O error) or has
   *     an unknown key, a value of the wrong type or a bad value; the message names the file and the key
   */
  public static ConfigurationFile load(URI uri, ClassLoader classLoader) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(classLoader, "classLoader");
    Properties properties = ConfigurationResources.read(uri, classLoader);
    return new ConfigurationFileParser(uri, classLoader).parse(properties);
  }

  /** Returns the URI the file was read from. */
  public URI uri() {
    return uri;
  }

  /**
   * Returns whether caches the file does not name are created with the {@link #defaults()} when asked for
   * by name ({@code defaults.create_missing_caches}, default false: {@code getCache} returns null for them).
   */
  public boolean createsMissingCaches() {
    return createMissingCaches;
  }

  /** Returns the file defaults: the settings of caches the file does not name. */
  public CacheSettings defaults() {
    return defaults;
  }

  /** Returns the names of the caches the file configures, in alphabetical order. */
  public Set<String> cacheNames() {
    return caches.keySet();
  }

  /** Returns the settings of a cache the file configures, or empty if it does not name the cache. */
  public Optional<CacheSettings> cache(String name) {
    Objects.requireNonNull(name, "name");
    return Optional.ofNullable(caches.get(name));
  }

  @Override
  public String toString() {
    return "ConfigurationFile[" + RedisUris.mask(uri.toString()) + ", caches=" + caches.keySet()
        + ", create_missing_caches=" + createMissingCaches + "]";
  }
}
