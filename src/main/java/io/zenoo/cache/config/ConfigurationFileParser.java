package io.zenoo.cache.config;

import io.zenoo.cache.config.CacheSettings.Backend;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;

/**
 * Turns the properties of a configuration file into a {@link ConfigurationFile}: sorts every key into its
 * section ({@code defaults.<setting>}, {@code templates.<template>.<setting>}, {@code caches.<cache>.<setting>};
 * template and cache names may contain dots, the setting is what follows the last one), validates each value
 * with the parsers of {@link CacheProperties}, merges defaults, template and cache, and builds every cache's
 * configuration once so that cross-parameter rules fail at load too. Every failure is a {@link CacheException}
 * naming the file, the key and what was expected.
 *
 * <p>One instance parses one file; not thread safe.
 */
final class ConfigurationFileParser {

  /** The settings every section takes besides the parameters of {@link CacheProperties}. */
  static final Set<String> JCACHE_SETTINGS =
      Set.of("backend", "expiry", "statistics", "management", "store_by_value", "key_type", "value_type");

  private static final String SECTIONS_EXPECTED =
      "defaults.<setting>, templates.<template>.<setting> or caches.<cache>.<setting>";

  private final URI uri;
  private final ClassLoader classLoader;
  private final Map<String, String> defaults = new TreeMap<>();
  private final Map<String, Map<String, String>> templates = new TreeMap<>();
  private final Map<String, Map<String, String>> caches = new TreeMap<>();

  ConfigurationFileParser(URI uri, ClassLoader classLoader) {
    this.uri = uri;
    this.classLoader = classLoader;
  }

  /** Returns every setting name a section takes. */
  static Set<String> settingNames() {
    Set<String> names = new TreeSet<>(CacheProperties.MEMORY_KEYS);
    names.addAll(CacheProperties.REDIS_KEYS);
    names.addAll(JCACHE_SETTINGS);
    return names;
  }

  ConfigurationFile parse(Properties properties) {
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      sort(key, properties.getProperty(key));
    }
    checkExpiryOnce("defaults", defaults);
    templates.forEach((name, section) -> checkExpiryOnce("templates." + name, section));
    caches.forEach((name, section) -> checkExpiryOnce("caches." + name, section));

    boolean createMissing = defaults.containsKey("create_missing_caches")
        && CacheProperties.parseYesNo("create_missing_caches", defaults.get("create_missing_caches"));
    CacheSettings defaultSettings = settings("defaults", List.of(new Layer("defaults", defaults)));
    Map<String, CacheSettings> cacheSettings = new LinkedHashMap<>();
    caches.forEach((name, own) -> cacheSettings.put(name, cacheSettings(name, own)));
    return new ConfigurationFile(uri, createMissing, defaultSettings, cacheSettings);
  }

  /** Puts one key into its section after validating its setting name and value. */
  private void sort(String key, String value) {
    if (key.startsWith("defaults.")) {
      String setting = key.substring("defaults.".length());
      if (!setting.equals("create_missing_caches")) {
        requireSetting(key, setting, /* inCache= */ false);
      }
      validate(key, setting, value);
      defaults.put(setting, value);
    } else if (key.startsWith("templates.")) {
      String[] nameAndSetting = nameAndSetting(key, "templates.", "template");
      requireSetting(key, nameAndSetting[1], /* inCache= */ false);
      validate(key, nameAndSetting[1], value);
      templates.computeIfAbsent(nameAndSetting[0], n -> new TreeMap<>()).put(nameAndSetting[1], value);
    } else if (key.startsWith("caches.")) {
      String[] nameAndSetting = nameAndSetting(key, "caches.", "cache");
      requireSetting(key, nameAndSetting[1], /* inCache= */ true);
      validate(key, nameAndSetting[1], value);
      caches.computeIfAbsent(nameAndSetting[0], n -> new TreeMap<>()).put(nameAndSetting[1], value);
    } else {
      throw fail(key, "unknown key: expected " + SECTIONS_EXPECTED, null);
    }
  }

  private String[] nameAndSetting(String key, String prefix, String what) {
    String rest = key.substring(prefix.length());
    int dot = rest.lastIndexOf('.');
    if (dot <= 0 || dot == rest.length() - 1) {
      throw fail(key, "expected " + prefix + "<" + what + ">.<setting>, such as " + prefix + "users.max_size", null);
    }
    return new String[] {rest.substring(0, dot), rest.substring(dot + 1)};
  }

  private void requireSetting(String key, String setting, boolean inCache) {
    if (settingNames().contains(setting) || (inCache && setting.equals("template"))) {
      return;
    }
    Set<String> expected = settingNames();
    if (inCache) {
      expected.add("template");
    }
    String where = key.startsWith("defaults.") ? "; defaults also take create_missing_caches" : "";
    throw fail(key, "unknown setting '" + setting + "': did you mean " + ManagerParameters.nearest(setting, expected)
        + "? Expected one of " + String.join(", ", expected) + where, null);
  }

  /** Checks one value with the parser of its setting. */
  private void validate(String key, String setting, String value) {
    try {
      switch (setting) {
        case "backend" -> backend(value);
        case "expiry" -> ExpirySetting.parse(value);
        case "statistics", "management", "store_by_value", "create_missing_caches" ->
            CacheProperties.parseYesNo(setting, value);
        case "key_type", "value_type" -> type(setting, value);
        case "template" -> {
          if (value.isBlank()) {
            throw new IllegalArgumentException("expected the name of a template defined as templates.<name>.*");
          }
        }
        default -> {
          Properties single = new Properties();
          single.setProperty(setting, value);
          if (CacheProperties.MEMORY_KEYS.contains(setting)) {
            CacheProperties.applyMemory(MemoryCacheConfiguration.builder(Object.class, Object.class), single);
          } else {
            CacheProperties.applyRedis(RedisCacheConfiguration.builder(Object.class, Object.class), single);
          }
        }
      }
    } catch (CacheException | IllegalArgumentException e) {
      String hint = value.contains("#")
          ? " (a .properties file has no comments after a value: put '# ...' on a line of its own)"
          : "";
      throw fail(key, e.getMessage() + hint, e);
    }
  }

  private void checkExpiryOnce(String section, Map<String, String> settings) {
    if (settings.containsKey("expiry") && settings.containsKey("default_ttl")) {
      throw fail(section + ".default_ttl",
          "both " + section + ".expiry and " + section + ".default_ttl set the expiry: expected only one of them"
              + " (default_ttl=<s> is short for expiry=created:<s>)",
          null);
    }
  }

  private CacheSettings cacheSettings(String name, Map<String, String> own) {
    String section = "caches." + name;
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer("defaults", defaults));
    String template = own.get("template");
    if (template != null) {
      Map<String, String> templateSettings = templates.get(template.trim());
      if (templateSettings == null) {
        throw fail(section + ".template",
            "unknown template '" + template.trim() + "': expected one of the templates the file defines "
                + (templates.isEmpty() ? "(it defines none)" : templates.keySet()),
            null);
      }
      layers.add(new Layer("templates." + template.trim(), templateSettings));
    }
    layers.add(new Layer(section, own));
    CacheSettings settings = settings(section, layers);
    checkSuitsBackend(section, own, settings.backend());
    return settings;
  }

  /** One section's settings and where they come from, as a layer of a cache's settings. */
  private record Layer(String name, Map<String, String> settings) {}

  /**
   * Merges the layers (later ones win; {@code expiry} and {@code default_ttl} replace each other) into the
   * settings of one section and checks that its configuration builds.
   */
  private CacheSettings settings(String section, List<Layer> layers) {
    Map<String, String> merged = new TreeMap<>();
    Map<String, String> origin = new TreeMap<>();
    for (Layer layer : layers) {
      for (Map.Entry<String, String> e : layer.settings().entrySet()) {
        if (e.getKey().equals("expiry")) {
          merged.remove("default_ttl");
        } else if (e.getKey().equals("default_ttl")) {
          merged.remove("expiry");
        }
        merged.put(e.getKey(), e.getValue());
        origin.put(e.getKey(), layer.name());
      }
    }
    Backend backend = merged.containsKey("backend") ? backend(merged.get("backend")) : Backend.MEMORY;
    Properties parameters = new Properties();
    for (String key : merged.keySet()) {
      if (CacheProperties.MEMORY_KEYS.contains(key) || CacheProperties.REDIS_KEYS.contains(key)) {
        parameters.setProperty(key, merged.get(key));
      }
    }
    Boolean storeByValue = yesNo(merged, "store_by_value");
    if (backend == Backend.REDIS && Boolean.FALSE.equals(storeByValue)) {
      throw fail(origin.get("store_by_value") + ".store_by_value",
          "store_by_value=false needs backend=memory (Redis always stores copies): expected true for a Redis cache",
          null);
    }
    CacheSettings settings = new CacheSettings(
        section,
        backend,
        merged.containsKey("key_type") ? type("key_type", merged.get("key_type")) : Object.class,
        merged.containsKey("value_type") ? type("value_type", merged.get("value_type")) : Object.class,
        parameters,
        merged.containsKey("expiry") ? ExpirySetting.parse(merged.get("expiry")) : null,
        yesNo(merged, "statistics"),
        yesNo(merged, "management"),
        storeByValue);
    checkBuilds(settings);
    return settings;
  }

  private void checkSuitsBackend(String section, Map<String, String> own, Backend backend) {
    for (String key : own.keySet()) {
      Parameter p = Parameter.byKey(key).orElse(null);
      if (p == null) {
        continue;
      }
      if (backend == Backend.MEMORY && !p.forMemory()) {
        throw fail(section + "." + key,
            key + " is a RedisCache parameter, but this cache's backend is memory: expected backend=redis"
                + " (in the cache, its template or the defaults) or no " + key,
            null);
      }
      if (backend == Backend.REDIS && !p.forRedis()) {
        throw fail(section + "." + key,
            key + " is a MemoryCache parameter, but this cache's backend is redis: expected backend=memory or no "
                + key,
            null);
      }
    }
  }

  /** Builds the section's configuration once, so that rules across parameters fail at load. */
  private void checkBuilds(CacheSettings settings) {
    try {
      if (settings.backend() == Backend.MEMORY) {
        settings.applyTo(MemoryCacheConfiguration.builder(Object.class, Object.class)).build();
      } else {
        settings.applyTo(RedisCacheConfiguration.builder(Object.class, Object.class)).build();
      }
    } catch (CacheException | IllegalArgumentException e) {
      throw fail(settings.section() + ".*", e.getMessage(), e);
    }
  }

  private static @Nullable Boolean yesNo(Map<String, String> settings, String key) {
    String value = settings.get(key);
    return value == null ? null : CacheProperties.parseYesNo(key, value);
  }

  private static Backend backend(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "memory" -> Backend.MEMORY;
      case "redis" -> Backend.REDIS;
      default -> throw new IllegalArgumentException("Invalid backend '" + value + "': expected memory or redis");
    };
  }

  private Class<?> type(String setting, String value) {
    String name = value.trim();
    try {
      Class<?> type = Class.forName(name, /* initialize= */ false, classLoader);
      if (type.isPrimitive() || type.isArray()) {
        throw new IllegalArgumentException(
            "Invalid " + setting + " '" + value + "': expected a class name such as java.lang.String");
      }
      return type;
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          "Invalid " + setting + " '" + value + "': expected the fully qualified name of a class the cache"
              + " manager's class loader can load, such as java.lang.String",
          e);
    }
  }

  private CacheException fail(String key, @Nullable String detail, @Nullable Throwable cause) {
    String message = "Configuration file " + uri + ", key " + key + ": " + detail;
    return cause == null ? new CacheException(message) : new CacheException(message, cause);
  }
}
