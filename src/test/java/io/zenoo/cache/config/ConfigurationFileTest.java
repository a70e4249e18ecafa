package io.zenoo.cache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.cache.CacheException;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading, merging and rejecting configuration files, and the reference file in the jar. */
class ConfigurationFileTest {

  @TempDir Path dir;

  private final ClassLoader loader = getClass().getClassLoader();

  private URI write(String... lines) throws IOException {
    Path file = Files.createTempFile(dir, "cache", ".properties");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file.toUri();
  }

  private ConfigurationFile load(String... lines) throws IOException {
    return ConfigurationFile.load(write(lines), loader);
  }

  private static MemoryCacheConfiguration<Object, Object> memory(CacheSettings settings) {
    return settings.applyTo(MemoryCacheConfiguration.builder(Object.class, Object.class)).build();
  }

  private static RedisCacheConfiguration<Object, Object> redis(CacheSettings settings) {
    return settings.applyTo(RedisCacheConfiguration.builder(Object.class, Object.class)).build();
  }

  @Test
  void isConfigurationUri_classpathFileAndJar_only() {
    assertThat(ConfigurationFile.isConfigurationUri(URI.create("classpath:a.properties"))).isTrue();
    assertThat(ConfigurationFile.isConfigurationUri(URI.create("file:/etc/a.properties"))).isTrue();
    assertThat(ConfigurationFile.isConfigurationUri(URI.create("jar:file:/a.jar!/a.properties"))).isTrue();
    assertThat(ConfigurationFile.isConfigurationUri(URI.create("redis://localhost"))).isFalse();
    assertThat(ConfigurationFile.isConfigurationUri(URI.create("zenoo:memory"))).isFalse();
  }

  @Test
  void settings_mergeDefaultsThenTemplateThenCache() throws IOException {
    ConfigurationFile file = load(
        "defaults.max_size=100",
        "defaults.cleanup_interval=7",
        "templates.big.max_size=200",
        "caches.plain.statistics=true",
        "caches.templated.template=big",
        "caches.own.template=big",
        "caches.own.max_size=300");

    assertThat(file.cacheNames()).containsExactly("own", "plain", "templated");
    assertThat(memory(file.defaults()).getMaxSize()).isEqualTo(100);
    assertThat(memory(file.cache("plain").orElseThrow()).getMaxSize()).isEqualTo(100);
    assertThat(memory(file.cache("plain").orElseThrow()).isStatisticsEnabled()).isTrue();
    assertThat(memory(file.cache("templated").orElseThrow()).getMaxSize()).isEqualTo(200);
    assertThat(memory(file.cache("own").orElseThrow()).getMaxSize()).isEqualTo(300);
    assertThat(memory(file.cache("own").orElseThrow()).getCleanupInterval()).isEqualTo(Duration.ofSeconds(7));
    assertThat(file.cache("absent")).isEmpty();
    assertThat(file.createsMissingCaches()).isFalse();
  }

  @Test
  void cacheNames_mayContainDots_theSettingIsAfterTheLast() throws IOException {
    ConfigurationFile file = load(
        "templates.org.acme.base.max_size=42", "caches.com.example.Product.template=org.acme.base");

    assertThat(file.cacheNames()).containsExactly("com.example.Product");
    assertThat(memory(file.cache("com.example.Product").orElseThrow()).getMaxSize()).isEqualTo(42);
  }

  @ParameterizedTest
  @CsvSource({
    "eternal, javax.cache.expiry.EternalExpiryPolicy, -1",
    "created:1.5, javax.cache.expiry.CreatedExpiryPolicy, 1500",
    "accessed:60, javax.cache.expiry.AccessedExpiryPolicy, 60000",
    "modified:0.0001, javax.cache.expiry.ModifiedExpiryPolicy, 1",
    "Touched: 2, javax.cache.expiry.TouchedExpiryPolicy, 2000"
  })
  void expiry_namesTheStandardPolicies(String value, String type, long millis) throws IOException {
    ConfigurationFile file = load("caches.c.expiry=" + value);

    ExpiryPolicy policy = memory(file.cache("c").orElseThrow()).getExpiryPolicyFactory().create();
    assertThat(policy.getClass().getName()).isEqualTo(type);
    if (millis > 0) {
      javax.cache.expiry.Duration d = policy instanceof CreatedExpiryPolicy || policy instanceof EternalExpiryPolicy
          ? policy.getExpiryForCreation()
          : policy instanceof AccessedExpiryPolicy ? policy.getExpiryForAccess() : policy.getExpiryForUpdate();
      assertThat(d.getTimeUnit().toMillis(d.getDurationAmount())).isEqualTo(millis);
    }
  }

  @Test
  void expiryAndDefaultTtl_replaceEachOtherAcrossSections() throws IOException {
    ConfigurationFile file = load(
        "defaults.default_ttl=30",
        "templates.t.expiry=accessed:5",
        "caches.a.template=t",
        "caches.b.expiry=eternal",
        "caches.c.template=t",
        "caches.c.default_ttl=9");

    assertThat(memory(file.defaults()).getDefaultTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(memory(file.cache("a").orElseThrow()).getExpiryPolicyFactory().create())
        .isInstanceOf(AccessedExpiryPolicy.class);
    assertThat(memory(file.cache("b").orElseThrow()).getExpiryPolicyFactory().create())
        .isInstanceOf(EternalExpiryPolicy.class);
    assertThat(memory(file.cache("c").orElseThrow()).getDefaultTtl()).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void jcacheSettings_typesAndRedisParameters_areApplied() throws IOException {
    ConfigurationFile file = load(
        "defaults.url=redis://cache.example:6380/2",
        "caches.r.backend=redis",
        "caches.r.key_type=java.lang.String",
        "caches.r.value_type=java.lang.Long",
        "caches.r.namespace=shop",
        "caches.r.socket_timeout=0.25",
        "caches.r.enable_fallback=no",
        "caches.r.default_ttl=12",
        "caches.r.management=yes",
        "caches.m.store_by_value=false");

    CacheSettings r = file.cache("r").orElseThrow();
    assertThat(r.backend()).isEqualTo(CacheSettings.Backend.REDIS);
    assertThat(r.keyType()).isEqualTo(String.class);
    assertThat(r.valueType()).isEqualTo(Long.class);
    RedisCacheConfiguration<Object, Object> c = redis(r);
    assertThat(c.getUrl()).isEqualTo("redis://cache.example:6380/2");
    assertThat(c.getNamespace()).isEqualTo("shop");
    assertThat(c.getSocketTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.isFallbackEnabled()).isFalse();
    assertThat(c.isManagementEnabled()).isTrue();
    assertThat(c.getExpiryPolicyFactory().create().getExpiryForCreation().getDurationAmount()).isEqualTo(12_000);
    assertThat(file.cache("m").orElseThrow().backend()).isEqualTo(CacheSettings.Backend.MEMORY);
    assertThat(memory(file.cache("m").orElseThrow()).isStoreByValue()).isFalse();
  }

  @Test
  void toString_masksTheUrlAndHidesThePassword() throws IOException {
    ConfigurationFile file = load(
        "caches.r.backend=redis", "caches.r.url=redis://app:s3cret@host:6379/0",
        "caches.r.ssl_truststore_password=hunter2");

    assertThat(file.cache("r").orElseThrow().toString()).doesNotContain("s3cret").doesNotContain("hunter2");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "cache.users.max_size=10 | cache.users.max_size | expected defaults.<setting>, templates.<template>.<setting>",
    "caches.users.maxsize=10 | caches.users.maxsize | unknown setting 'maxsize': did you mean max_size?",
    "defaults.template=t | defaults.template | unknown setting 'template'",
    "caches.users=10 | caches.users | expected caches.<cache>.<setting>",
    "caches.users.max_size=ten | caches.users.max_size | expected a whole number",
    "caches.users.max_size=0 | caches.users.max_size | expected a whole number > 0",
    "caches.users.statistics=maybe | caches.users.statistics | expected true, false, yes or no",
    "caches.users.expiry=forever | caches.users.expiry | expected eternal, created:<seconds>",
    "caches.users.expiry=created:-3 | caches.users.expiry | with a positive number of seconds",
    "caches.users.backend=mongo | caches.users.backend | expected memory or redis",
    "caches.users.key_type=com.nowhere.Missing | caches.users.key_type | expected the fully qualified name",
    "caches.users.key_type=int | caches.users.key_type | expected",
    "templates.t.socket_timeout=soon | templates.t.socket_timeout | expected a positive number of seconds",
    "defaults.serializer=yaml | defaults.serializer | expected json, java, pickle",
    "defaults.create_missing_caches=always | defaults.create_missing_caches | expected true, false, yes or no",
    "caches.users.template=nope | caches.users.template | unknown template 'nope'",
    "caches.users.namespace=app | caches.users.namespace | expected backend=redis",
  })
  void badFile_failsAtLoad_namingFileKeyAndExpectation(String line, String key, String expected) throws IOException {
    URI uri = write(line);

    assertThatThrownBy(() -> ConfigurationFile.load(uri, loader))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining(uri.toString())
        .hasMessageContaining("key " + key + ":")
        .hasMessageContaining(expected);
  }

  @Test
  void crossParameterRules_andBackendMismatches_failAtLoad() throws IOException {
    URI backoff = write("caches.r.backend=redis", "caches.r.retry_backoff_base=5", "caches.r.retry_backoff_max=1");
    assertThatThrownBy(() -> ConfigurationFile.load(backoff, loader))
        .hasMessageContaining(backoff.toString())
        .hasMessageContaining("caches.r.*")
        .hasMessageContaining("retry_backoff_max must be >= retry_backoff_base");

    URI byReference = write("defaults.store_by_value=false", "caches.r.backend=redis");
    assertThatThrownBy(() -> ConfigurationFile.load(byReference, loader))
        .hasMessageContaining("key defaults.store_by_value:")
        .hasMessageContaining("expected true for a Redis cache");

    URI memoryOnRedis = write("caches.r.backend=redis", "caches.r.max_size=5");
    assertThatThrownBy(() -> ConfigurationFile.load(memoryOnRedis, loader))
        .hasMessageContaining("key caches.r.max_size:")
        .hasMessageContaining("expected backend=memory");

    URI both = write("caches.c.expiry=eternal", "caches.c.default_ttl=5");
    assertThatThrownBy(() -> ConfigurationFile.load(both, loader))
        .hasMessageContaining("key caches.c.default_ttl:")
        .hasMessageContaining("expected only one of them");
  }

  @Test
  void badUrl_isShownMasked() throws IOException {
    URI uri = write("caches.r.backend=redis", "caches.r.url=http://app:s3cret@host:6379");

    assertThatThrownBy(() -> ConfigurationFile.load(uri, loader))
        .hasMessageContaining("key caches.r.url:")
        .hasMessageContaining("expected a redis://")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  @Test
  void missingOrRelativeFiles_failNamingTheUri() {
    URI missing = dir.resolve("nope.properties").toUri();
    assertThatThrownBy(() -> ConfigurationFile.load(missing, loader))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> ConfigurationFile.load(URI.create("classpath:no/such/file.properties"), loader))
        .hasMessageContaining("classpath:no/such/file.properties")
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> ConfigurationFile.load(URI.create("file:conf/cache.properties"), loader))
        .hasMessageContaining("file:conf/cache.properties")
        .hasMessageContaining("is relative");
    URI jar = URI.create("jar:" + dir.resolve("none.jar").toUri() + "!/cache.properties");
    assertThatThrownBy(() -> ConfigurationFile.load(jar, loader))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining(jar.toString());
  }

  @Test
  void referenceFile_loads_givesTheBuiltInDefaults() {
    ConfigurationFile file =
        ConfigurationFile.load(URI.create("classpath:" + ConfigurationFile.REFERENCE_RESOURCE), loader);

    assertThat(file.cacheNames()).isEmpty();
    assertThat(file.createsMissingCaches()).isFalse();
    assertThat(file.defaults().backend()).isEqualTo(CacheSettings.Backend.MEMORY);
    assertThat(memory(file.defaults()).toString())
        .isEqualTo(MemoryCacheConfiguration.builder(Object.class, Object.class).build().toString());
    assertThat(redis(file.defaults()).toString())
        .isEqualTo(RedisCacheConfiguration.builder(Object.class, Object.class).build().toString());
    assertThat(memory(file.defaults()).getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
  }

  @Test
  void referenceFile_documentsEveryKey() throws IOException {
    String text;
    try (InputStream in = loader.getResourceAsStream(ConfigurationFile.REFERENCE_RESOURCE)) {
      assertThat(in).as("the reference file is in the jar").isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> keys = new HashSet<>(CacheProperties.MEMORY_KEYS);
    keys.addAll(CacheProperties.REDIS_KEYS);
    keys.addAll(ConfigurationFileParser.JCACHE_SETTINGS);
    keys.add("create_missing_caches");
    for (String key : keys) {
      assertThat(text).as("the reference file documents %s", key).contains("defaults." + key + "=");
    }
    assertThat(text).contains("caches.<cache>.template=");
  }
}
