package io.zenoo.cache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.config.MemoryCacheConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managers whose URI names a configuration file: the caches it configures, missing caches, every step of
 * the precedence (built-in defaults &lt; file defaults &lt; template &lt; cache section &lt; Properties &lt;
 * programmatic configuration), and the {@code classpath:}, {@code file:} and {@code jar:file:} URIs.
 */
class ConfigurationFileManagerTest {

  @TempDir Path dir;

  private final CachingProvider provider = Caching.getCachingProvider(ZenooCachingProvider.class.getName());
  private final List<CacheManager> managers = new ArrayList<>();
  private int files;

  @AfterEach
  void tearDown() {
    managers.forEach(CacheManager::close);
  }

  private URI write(String... lines) throws IOException {
    Path file = dir.resolve("cache-" + (++files) + ".properties");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file.toUri();
  }

  private CacheManager manager(URI uri, Properties properties) {
    // a class loader of its own per manager: no other test shares it
    CacheManager manager = provider.getCacheManager(uri, new ClassLoader(getClass().getClassLoader()) {}, properties);
    managers.add(manager);
    return manager;
  }

  private CacheManager manager(String... lines) throws IOException {
    return manager(write(lines), new Properties());
  }

  @SuppressWarnings("unchecked")
  private static MemoryCacheConfiguration<Object, Object> config(Cache<?, ?> cache) {
    return ((Cache<Object, Object>) cache).getConfiguration(MemoryCacheConfiguration.class);
  }

  private static long maxSize(Cache<?, ?> cache) {
    return config(cache).getMaxSize();
  }

  private static Properties properties(String... keysAndValues) {
    Properties p = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return p;
  }

  @Test
  void configuredCaches_existAtStart_withTheirTypesAndSettings() throws IOException {
    CacheManager manager = manager(
        "caches.users.key_type=java.lang.String",
        "caches.users.value_type=java.lang.Long",
        "caches.users.max_size=2",
        "caches.users.statistics=true",
        "caches.com.example.Product.store_by_value=false");

    assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("users", "com.example.Product");
    Cache<String, Long> users = manager.getCache("users", String.class, Long.class);
    assertThat(users).isNotNull();
    users.put("a", 1L);
    users.put("b", 2L);
    users.put("c", 3L);
    assertThat(maxSize(users)).isEqualTo(2);
    assertThat(config(users).isStatisticsEnabled()).isTrue();
    assertThatThrownBy(() -> manager.getCache("users", Long.class, Long.class)).isInstanceOf(ClassCastException.class);

    Cache<Object, Object> products = manager.getCache("com.example.Product");
    Object value = new Object();
    products.put("p", value);
    assertThat(products.get("p")).isSameAs(value); // store by reference
  }

  @Test
  void createCache_ofAConfiguredName_failsAsForAnyExistingCache() throws IOException {
    CacheManager manager = manager("caches.users.max_size=5");

    assertThatThrownBy(() -> manager.createCache("users", new MutableConfiguration<>()))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void missingCaches_areNullUnlessTheFileSaysToCreateThem() throws IOException {
    CacheManager strict = manager("defaults.max_size=50", "caches.known.max_size=5");
    assertThat(strict.getCache("region.Other")).isNull();
    assertThat(strict.getCache("region.Other", String.class, String.class)).isNull();

    CacheManager lenient = manager("defaults.max_size=50", "defaults.create_missing_caches=true");
    Cache<Object, Object> region = lenient.getCache("com.example.Entity");
    assertThat(region).isNotNull();
    assertThat(lenient.getCache("com.example.Entity")).isSameAs(region);
    assertThat(maxSize(region)).isEqualTo(50);
    Cache<String, Integer> typed = lenient.getCache("typed", String.class, Integer.class);
    typed.put("one", 1);
    assertThat(typed.get("one")).isEqualTo(1);
    assertThat(lenient.getCacheNames()).containsExactlyInAnyOrder("com.example.Entity", "typed");

    lenient.destroyCache("typed");
    assertThat(lenient.getCache("typed", String.class, Integer.class).get("one")).isNull();
  }

  @Test
  void precedence_everyStep() throws IOException {
    URI uri = write(
        "defaults.max_size=100",
        "templates.t.max_size=200",
        "caches.builtIn.statistics=false",
        "caches.fileDefault.management=false",
        "caches.fromTemplate.template=t",
        "caches.own.template=t",
        "caches.own.max_size=300");
    // built-in defaults: a file without max_size at all
    CacheManager bare = manager("caches.builtIn.statistics=false");
    assertThat(maxSize(bare.getCache("builtIn"))).isEqualTo(MemoryCacheConfiguration.DEFAULT_MAX_SIZE);

    CacheManager fromFile = manager(uri, new Properties());
    assertThat(maxSize(fromFile.getCache("fileDefault"))).isEqualTo(100);
    assertThat(maxSize(fromFile.getCache("fromTemplate"))).isEqualTo(200);
    assertThat(maxSize(fromFile.getCache("own"))).isEqualTo(300);
    assertThat(maxSize(fromFile.createCache("made", new MutableConfiguration<>()))).isEqualTo(100);

    CacheManager overridden = manager(uri, properties("max_size", "400"));
    assertThat(maxSize(overridden.getCache("fileDefault"))).isEqualTo(400);
    assertThat(maxSize(overridden.getCache("own"))).isEqualTo(400);
    assertThat(maxSize(overridden.createCache("made", new MutableConfiguration<>()))).isEqualTo(400);

    Cache<String, String> programmatic = overridden.createCache(
        "programmatic", MemoryCacheConfiguration.builder(String.class, String.class).maxSize(500).build());
    assertThat(maxSize(programmatic)).isEqualTo(500);
  }

  @Test
  void precedence_expiry() throws IOException {
    URI uri = write("defaults.expiry=accessed:60", "caches.own.expiry=created:5");
    CacheManager manager = manager(uri, new Properties());

    assertThat(config(manager.getCache("own"))
            .getExpiryPolicyFactory().create()).isInstanceOf(CreatedExpiryPolicy.class);
    // a programmatic configuration with the eternal default takes the file's expiry ...
    assertThat(config(manager.createCache("bare", new MutableConfiguration<>())).getExpiryPolicyFactory().create())
        .isInstanceOf(AccessedExpiryPolicy.class);
    // ... one with its own policy keeps it
    MutableConfiguration<Object, Object> created = new MutableConfiguration<>()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_MINUTE));
    assertThat(config(manager.createCache("explicit", created)).getExpiryPolicyFactory().create())
        .isInstanceOf(CreatedExpiryPolicy.class);

    // Properties outrank the file: default_ttl replaces the file's expiry of configured caches
    CacheManager overridden = manager(uri, properties("default_ttl", "7"));
    assertThat(config(overridden.getCache("own")).getDefaultTtl())
        .isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void classpathUri_isAResourceOfTheManagersClassLoader() throws IOException {
    Files.writeString(dir.resolve("app-cache.properties"), "caches.fromClasspath.max_size=9\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      for (String uri : List.of("classpath:app-cache.properties", "classpath:/app-cache.properties")) {
        CacheManager manager = provider.getCacheManager(URI.create(uri), loader);
        managers.add(manager);
        assertThat(maxSize(manager.getCache("fromClasspath"))).isEqualTo(9);
      }
    }
  }

  @Test
  void jarFileUri_readsTheEntryInTheArchive() throws IOException {
    Path jar = dir.resolve("app.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry("config/cache.properties"));
      j.write("caches.fromJar.max_size=11\n".getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    URI uri = URI.create("jar:" + jar.toUri() + "!/config/cache.properties");

    CacheManager manager = manager(uri, new Properties());

    assertThat(maxSize(manager.getCache("fromJar"))).isEqualTo(11);
  }

  @Test
  void badOrMissingFile_failsGetCacheManager_andAFixedFileThenLoads() throws IOException {
    Path file = dir.resolve("fixed-later.properties");
    Files.writeString(file, "caches.users.max_size=lots\n");
    ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {};

    assertThatThrownBy(() -> provider.getCacheManager(file.toUri(), loader))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining(file.toUri().toString())
        .hasMessageContaining("caches.users.max_size");
    Files.writeString(file, "caches.users.max_size=3\n");
    CacheManager manager = provider.getCacheManager(file.toUri(), loader);
    managers.add(manager);
    assertThat(maxSize(manager.getCache("users"))).isEqualTo(3);

    URI missing = dir.resolve("missing.properties").toUri();
    assertThatThrownBy(() -> provider.getCacheManager(missing, loader))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void badProperties_overAGoodFile_failGetCacheManager_namingTheProperty() throws IOException {
    URI uri = write("caches.users.max_size=3");
    ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {};

    assertThatThrownBy(() -> provider.getCacheManager(uri, loader, properties("max_size", "0")))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("'max_size'");
  }
}
