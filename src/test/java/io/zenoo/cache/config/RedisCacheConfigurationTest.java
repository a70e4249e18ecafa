package io.zenoo.cache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.store.Clock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The RedisCache configuration: SPEC section 4's defaults, every setter's validation, round trips. */
class RedisCacheConfigurationTest {

  private static RedisCacheConfiguration.Builder<String, String> builder() {
    return RedisCacheConfiguration.builder(String.class, String.class);
  }

  @Test
  void build_noSettings_hasTheSpecDefaults() {
    RedisCacheConfiguration<String, String> c = builder().build();

    assertThat(c.getUrl()).isEqualTo("redis://localhost:6379/0").isEqualTo(RedisCacheConfiguration.DEFAULT_URL);
    assertThat(c.getNamespace()).isEqualTo("zenoo");
    assertThat(c.getSerializer()).isEqualTo("json");
    assertThat(c.getMaxConnections()).isEqualTo(20);
    assertThat(c.getRetryAttempts()).isEqualTo(3);
    assertThat(c.getRetryBackoffBase()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.getRetryBackoffMax()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.getHealthCheckInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.getCircuitBreakerThreshold()).isEqualTo(5);
    assertThat(c.getCircuitBreakerTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.getSocketTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.getSocketConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.isFallbackEnabled()).isTrue();
    assertThat(c.getAllowedPackages()).isEmpty();
    assertThat(c.getClock()).isNotNull();
  }

  @Test
  void build_noSettings_hasTheJCacheDefaults() {
    RedisCacheConfiguration<String, String> c = builder().build();

    assertThat(c.getKeyType()).isEqualTo(String.class);
    assertThat(c.getValueType()).isEqualTo(String.class);
    assertThat(c.isStoreByValue()).isTrue();
    assertThat(c.isReadThrough()).isFalse();
    assertThat(c.isWriteThrough()).isFalse();
    assertThat(c.isStatisticsEnabled()).isFalse();
    assertThat(c.isManagementEnabled()).isFalse();
    assertThat(c.getCacheEntryListenerConfigurations()).isEmpty();
    assertThat(c.getCacheLoaderFactory()).isNull();
    assertThat(c.getCacheWriterFactory()).isNull();
    assertThat(c.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
  }

  @Test
  void setters_validValues_areKept() {
    Clock clock = () -> 42L;
    RedisCacheConfiguration<String, String> c =
        builder()
            .url("rediss://user:pw@redis.example.com:6380/2")
            .namespace("app-1")
            .serializer("com.example.codec.MyCodec")
            .maxConnections(1)
            .retryAttempts(1)
            .retryBackoffBase(Duration.ofMillis(50))
            .retryBackoffMax(Duration.ofMillis(50))
            .healthCheckInterval(Duration.ofSeconds(1))
            .circuitBreakerThreshold(1)
            .circuitBreakerTimeout(Duration.ofMillis(1))
            .socketTimeout(Duration.ofMillis(500))
            .socketConnectTimeout(Duration.ofMillis(250))
            .enableFallback(false)
            .allowedPackages(List.of("com.example", "org.acme.Money"))
            .clock(clock)
            .build();

    assertThat(c.getUrl()).isEqualTo("rediss://user:pw@redis.example.com:6380/2");
    assertThat(c.getNamespace()).isEqualTo("app-1");
    assertThat(c.getSerializer()).isEqualTo("com.example.codec.MyCodec");
    assertThat(c.getMaxConnections()).isEqualTo(1);
    assertThat(c.getRetryAttempts()).isEqualTo(1);
    assertThat(c.getRetryBackoffBase()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.getRetryBackoffMax()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.getHealthCheckInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.getCircuitBreakerThreshold()).isEqualTo(1);
    assertThat(c.getCircuitBreakerTimeout()).isEqualTo(Duration.ofMillis(1));
    assertThat(c.getSocketTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.getSocketConnectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.isFallbackEnabled()).isFalse();
    assertThat(c.getAllowedPackages()).containsExactly("com.example", "org.acme.Money");
    assertThat(c.getClock()).isSameAs(clock);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://localhost",
        "redis://localhost:6379/0",
        "redis://user:pw@localhost:6379/0?timeout=10s&clientName=app",
        "rediss://:pw@redis.example.com:6380",
        "redis://[::1]:6379",
        "redis://h1:7000,h2:7001,h3:7002",
        "redis-sentinel://:pw@h1:26379,h2:26379/0#mymaster",
        "redis-sentinel://h1:26379?sentinelMasterId=mymaster"
      })
  void url_redisUrl_isKeptAsGiven(String url) {
    assertThat(builder().url(url).build().getUrl()).isEqualTo(url);
  }

  /** Schemes are case-insensitive (RFC 3986); Lettuce compares them in lower case, so we hand it that. */
  @Test
  void url_upperCaseScheme_isAcceptedWithTheSchemeInLowerCase() {
    assertThat(builder().url("REDIS://user:pw@Host:6379/0").build().getUrl()).isEqualTo("redis://user:pw@Host:6379/0");
    assertThat(builder().url("Rediss://h:6380").build().getUrl()).isEqualTo("rediss://h:6380");
  }

  static Stream<Arguments> invalidValues() {
    return Stream.of(
        bad("url", b -> b.url("http://localhost:6379"),
            "url must start with redis://, rediss:// or redis-sentinel://, but was 'http://localhost:6379'"),
        bad("url", b -> b.url("localhost:6379"),
            "url must start with redis://, rediss:// or redis-sentinel://, but was 'localhost:6379'"),
        bad("url", b -> b.url("redis:localhost"),
            "url must name a host, as in redis://localhost:6379/0, but was 'redis:localhost'"),
        bad("url", b -> b.url("redis:///0"),
            "url must name a host, as in redis://localhost:6379/0, but was 'redis:///0'"),
        bad("url", b -> b.url("redis://bad host:6379"),
            "url must be a valid URI (Illegal character in authority at index 8), but was 'redis://bad host:6379'"),
        bad("url", b -> b.url(""),
            "url must start with redis://, rediss:// or redis-sentinel://, but was ''"),
        bad("namespace", b -> b.namespace(""), "namespace must not be empty"),
        bad("namespace", b -> b.namespace("my app"),
            "namespace must not contain whitespace or control characters, but was 'my app'"),
        bad("namespace", b -> b.namespace("app\t"),
            "namespace must not contain whitespace or control characters, but was 'app\t'"),
        bad("namespace", b -> b.namespace("app:v1"),
            "namespace must not contain ':', which separates namespace, cache name and key in Redis keys"
                + " (namespace:cacheName:key), but was 'app:v1'"),
        bad("serializer", b -> b.serializer("yaml"),
            "serializer must be json, java, pickle or the fully qualified class name of a codec, but was 'yaml'"),
        bad("serializer", b -> b.serializer("com.example."),
            "serializer must be json, java, pickle or the fully qualified class name of a codec,"
                + " but was 'com.example.'"),
        bad("serializer", b -> b.serializer("com.1example.Codec"),
            "serializer must be json, java, pickle or the fully qualified class name of a codec,"
                + " but was 'com.1example.Codec'"),
        bad("serializer", b -> b.serializer(""),
            "serializer must be json, java, pickle or the fully qualified class name of a codec, but was ''"),
        bad("max_connections", b -> b.maxConnections(0), "max_connections must be > 0, but was 0"),
        bad("max_connections", b -> b.maxConnections(-3), "max_connections must be > 0, but was -3"),
        bad("retry_attempts", b -> b.retryAttempts(0), "retry_attempts must be >= 1, but was 0"),
        bad("retry_backoff_base", b -> b.retryBackoffBase(Duration.ZERO),
            "retry_backoff_base must be > 0, but was PT0S"),
        bad("retry_backoff_max", b -> b.retryBackoffMax(Duration.ofSeconds(-1)),
            "retry_backoff_max must be > 0, but was PT-1S"),
        bad("health_check_interval", b -> b.healthCheckInterval(Duration.ZERO),
            "health_check_interval must be > 0, but was PT0S"),
        bad("circuit_breaker_threshold", b -> b.circuitBreakerThreshold(-1),
            "circuit_breaker_threshold must be >= 0 (0 turns the breaker off), but was -1"),
        bad("fallback_max_size", b -> b.fallbackMaxSize(0), "fallback_max_size must be > 0, but was 0"),
        bad("fallback_reconcile", b -> b.fallbackReconcile("delete"),
            "fallback_reconcile must be invalidate or replay, but was 'delete'"),
        bad("circuit_breaker_timeout", b -> b.circuitBreakerTimeout(Duration.ofMillis(-1)),
            "circuit_breaker_timeout must be > 0, but was PT-0.001S"),
        bad("socket_timeout", b -> b.socketTimeout(Duration.ZERO), "socket_timeout must be > 0, but was PT0S"),
        bad("socket_connect_timeout", b -> b.socketConnectTimeout(Duration.ZERO),
            "socket_connect_timeout must be > 0, but was PT0S"),
        bad("allowed_packages", b -> b.addAllowedPackage("com.example.*"),
            "allowed_packages entries must be package prefixes or class names such as com.example or"
                + " com.example.Money, without wildcards, but was 'com.example.*'"),
        bad("allowed_packages", b -> b.allowedPackages(List.of("com.example", "")),
            "allowed_packages entries must be package prefixes or class names such as com.example or"
                + " com.example.Money, without wildcards, but was ''"));
  }

  private static Arguments bad(
      String parameter, Consumer<RedisCacheConfiguration.Builder<String, String>> setter, String message) {
    return Arguments.of(parameter, setter, message);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("invalidValues")
  void setter_invalidValue_throwsNamingTheParameter(
      String parameter, Consumer<RedisCacheConfiguration.Builder<String, String>> setter, String message) {
    RedisCacheConfiguration.Builder<String, String> b = builder();

    assertThatThrownBy(() -> setter.accept(b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message)
        .hasMessageStartingWith(parameter);
    assertThat(b.build()).isEqualTo(builder().build());
  }

  @Test
  void setters_null_throwNullPointerExceptionNamingTheParameter() {
    assertThatThrownBy(() -> builder().url(null)).isInstanceOf(NullPointerException.class).hasMessage("url");
    assertThatThrownBy(() -> builder().namespace(null)).hasMessage("namespace");
    assertThatThrownBy(() -> builder().serializer(null)).hasMessage("serializer");
    assertThatThrownBy(() -> builder().socketTimeout(null)).hasMessage("socket_timeout");
    assertThatThrownBy(() -> builder().allowedPackages(null)).hasMessage("allowed_packages");
    assertThatThrownBy(() -> builder().allowedPackages(Arrays.asList("com.example", null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void build_backoffMaxBelowBase_throwsNamingBoth() {
    RedisCacheConfiguration.Builder<String, String> b =
        builder().retryBackoffBase(Duration.ofSeconds(2)).retryBackoffMax(Duration.ofSeconds(1));

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry_backoff_max must be >= retry_backoff_base (PT2S), but was PT1S");
  }

  @Test
  void build_backoffBaseAboveDefaultMaxThenMaxRaised_isAccepted() {
    // the cross-check waits for build(), so the order of the two setters does not matter
    RedisCacheConfiguration<String, String> c =
        builder().retryBackoffBase(Duration.ofSeconds(90)).retryBackoffMax(Duration.ofSeconds(120)).build();

    assertThat(c.getRetryBackoffBase()).isEqualTo(Duration.ofSeconds(90));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pickle", "PICKLE", "java", "Java"})
  void serializer_pickleOrJavaInAnyCase_isNormalisedToJava(String name) {
    assertThat(builder().serializer(name).build().getSerializer()).isEqualTo("java");
  }

  @Test
  void serializer_jsonInUpperCase_isNormalisedToJson() {
    assertThat(builder().serializer("JSON").build().getSerializer()).isEqualTo("json");
  }

  @Test
  void serializer_nestedClassName_isAccepted() {
    assertThat(builder().serializer("com.example.Codecs$Smile").build().getSerializer())
        .isEqualTo("com.example.Codecs$Smile");
  }

  @Test
  void serializer_classNameWithoutPackage_isRejected() {
    assertThatThrownBy(() -> builder().serializer("MyCodec"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("serializer must be");
  }

  @Test
  void allowedPackages_duplicatesAndAdds_keepFirstOrderWithoutDuplicates() {
    RedisCacheConfiguration<String, String> c =
        builder()
            .allowedPackages(List.of("com.example", "org.acme", "com.example"))
            .addAllowedPackage("net.other.Value")
            .addAllowedPackage("org.acme")
            .build();

    assertThat(c.getAllowedPackages()).containsExactly("com.example", "org.acme", "net.other.Value");
    assertThatThrownBy(() -> c.getAllowedPackages().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void allowedPackages_replace_dropsEarlierEntries() {
    RedisCacheConfiguration<String, String> c =
        builder().addAllowedPackage("com.example").allowedPackages(List.of("org.acme")).build();

    assertThat(c.getAllowedPackages()).containsExactly("org.acme");
  }

  @Test
  void allowedPackages_oneBadEntry_leavesTheListUnchanged() {
    RedisCacheConfiguration.Builder<String, String> b = builder().addAllowedPackage("com.example");

    assertThatThrownBy(() -> b.allowedPackages(List.of("org.acme", "bad name")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(b.build().getAllowedPackages()).containsExactly("com.example");
  }

  @Test
  void toBuilder_everySetting_roundTripsToAnEqualConfiguration() {
    RedisCacheConfiguration<String, String> original = everythingSet();

    RedisCacheConfiguration<String, String> copy = original.toBuilder().build();

    assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
    assertThat(copy.toString()).isEqualTo(original.toString());
    assertThat(copy.getClock()).isSameAs(original.getClock());
    assertThat(copy.getCacheEntryListenerConfigurations())
        .containsExactlyElementsOf(original.getCacheEntryListenerConfigurations());
  }

  @Test
  void toBuilder_changeOneSetting_leavesTheOriginalAlone() {
    RedisCacheConfiguration<String, String> original = everythingSet();

    RedisCacheConfiguration<String, String> changed =
        original.toBuilder().namespace("other").addAllowedPackage("net.more").build();

    assertThat(changed).isNotEqualTo(original);
    assertThat(original.getNamespace()).isEqualTo("app");
    assertThat(original.getAllowedPackages()).containsExactly("com.example");
    assertThat(changed.getAllowedPackages()).containsExactly("com.example", "net.more");
  }

  @Test
  void equals_differentInOneRedisParameter_isFalse() {
    RedisCacheConfiguration<String, String> base = builder().build();

    assertThat(builder().build()).isEqualTo(base).hasSameHashCodeAs(base);
    assertThat(builder().url("redis://other:6379/0").build()).isNotEqualTo(base);
    assertThat(builder().retryAttempts(4).build()).isNotEqualTo(base);
    assertThat(builder().socketConnectTimeout(Duration.ofSeconds(6)).build()).isNotEqualTo(base);
    assertThat(builder().enableFallback(false).build()).isNotEqualTo(base);
    assertThat(builder().addAllowedPackage("com.example").build()).isNotEqualTo(base);
    assertThat(builder().statisticsEnabled(true).build()).isNotEqualTo(base);
    assertThat(base).isNotEqualTo(MemoryCacheConfiguration.builder(String.class, String.class).build());
  }

  @Test
  void from_mutableConfiguration_keepsJCacheSettingsAndGetsRedisDefaults() {
    MutableConfiguration<String, Long> jcache =
        new MutableConfiguration<String, Long>()
            .setTypes(String.class, Long.class)
            .setStoreByValue(true)
            .setReadThrough(true)
            .setWriteThrough(true)
            .setStatisticsEnabled(true)
            .setManagementEnabled(true)
            .setCacheLoaderFactory(new FactoryBuilder.SingletonFactory<>(new NoLoader<>()))
            .setCacheWriterFactory(new FactoryBuilder.SingletonFactory<>(new NoWriter<>()))
            .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_MINUTE))
            .addCacheEntryListenerConfiguration(listener());

    RedisCacheConfiguration<String, Long> c = RedisCacheConfiguration.from(jcache);

    assertThat(c.getKeyType()).isEqualTo(String.class);
    assertThat(c.getValueType()).isEqualTo(Long.class);
    assertThat(c.isReadThrough()).isTrue();
    assertThat(c.isWriteThrough()).isTrue();
    assertThat(c.isStatisticsEnabled()).isTrue();
    assertThat(c.isManagementEnabled()).isTrue();
    assertThat(c.getCacheLoaderFactory()).isEqualTo(jcache.getCacheLoaderFactory());
    assertThat(c.getCacheWriterFactory()).isEqualTo(jcache.getCacheWriterFactory());
    assertThat(c.getExpiryPolicyFactory()).isEqualTo(jcache.getExpiryPolicyFactory());
    assertThat(c.getCacheEntryListenerConfigurations())
        .containsExactlyElementsOf(jcache.getCacheEntryListenerConfigurations());
    assertThat(redisParameters(c)).isEqualTo(redisParameters(builder().build()));
  }

  @Test
  void from_plainMutableConfiguration_isEternalAndByValue() {
    RedisCacheConfiguration<Object, Object> c = RedisCacheConfiguration.from(new MutableConfiguration<>());

    assertThat(c.getKeyType()).isEqualTo(Object.class);
    assertThat(c.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
    assertThat(c.isStoreByValue()).isTrue();
    assertThat(c.getNamespace()).isEqualTo(RedisCacheConfiguration.DEFAULT_NAMESPACE);
  }

  @Test
  void from_redisConfiguration_returnsItself() {
    RedisCacheConfiguration<String, String> c = everythingSet();

    assertThat(RedisCacheConfiguration.from(c)).isSameAs(c);
  }

  @Test
  void from_memoryConfiguration_keepsJCacheSettingsOnly() {
    MemoryCacheConfiguration<String, String> memory =
        MemoryCacheConfiguration.builder(String.class, String.class)
            .defaultTtl(Duration.ofSeconds(10))
            .statisticsEnabled(true)
            .build();

    RedisCacheConfiguration<String, String> c = RedisCacheConfiguration.from(memory);

    assertThat(c.isStatisticsEnabled()).isTrue();
    assertThat(c.getExpiryPolicyFactory()).isEqualTo(memory.getExpiryPolicyFactory());
    assertThat(c.getMaxConnections()).isEqualTo(RedisCacheConfiguration.DEFAULT_MAX_CONNECTIONS);
  }

  @Test
  void serialization_roundTrip_givesAnEqualConfiguration() throws Exception {
    RedisCacheConfiguration<String, String> original = builder().url("redis://:pw@h:1/0").namespace("x").build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }

    Object copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }

    assertThat(copy).isEqualTo(original);
  }

  @Test
  void toString_namesEveryParameterBySeedName() {
    String text = builder().build().toString();

    assertThat(text)
        .contains(
            "url=redis://localhost:6379/0", "namespace=zenoo", "serializer=json", "max_connections=20",
            "retry_attempts=3", "retry_backoff_base=PT0.1S", "retry_backoff_max=PT1M",
            "health_check_interval=PT30S", "circuit_breaker_threshold=5", "circuit_breaker_timeout=PT1M",
            "socket_timeout=PT5S", "socket_connect_timeout=PT5S", "enable_fallback=true",
            "fallback_max_size=10000", "fallback_reconcile=invalidate",
            "allowed_packages=[]");
  }

  private static List<Object> redisParameters(RedisCacheConfiguration<?, ?> c) {
    return List.of(
        c.getUrl(), c.getNamespace(), c.getSerializer(), c.getMaxConnections(), c.getRetryAttempts(),
        c.getRetryBackoffBase(), c.getRetryBackoffMax(), c.getHealthCheckInterval(),
        c.getCircuitBreakerThreshold(), c.getCircuitBreakerTimeout(), c.getSocketTimeout(),
        c.getSocketConnectTimeout(), c.isFallbackEnabled(), c.getFallbackMaxSize(), c.getFallbackReconcile(),
        c.getAllowedPackages());
  }

  private static RedisCacheConfiguration<String, String> everythingSet() {
    return builder()
        .url("redis-sentinel://:secret@h1:26379,h2:26379/0#mymaster")
        .namespace("app")
        .serializer("pickle")
        .maxConnections(7)
        .retryAttempts(5)
        .fallbackMaxSize(77)
        .fallbackReconcile("replay")
        .retryBackoffBase(Duration.ofMillis(20))
        .retryBackoffMax(Duration.ofSeconds(2))
        .healthCheckInterval(Duration.ofSeconds(3))
        .circuitBreakerThreshold(9)
        .circuitBreakerTimeout(Duration.ofSeconds(4))
        .socketTimeout(Duration.ofMillis(300))
        .socketConnectTimeout(Duration.ofMillis(400))
        .enableFallback(false)
        .addAllowedPackage("com.example")
        .readThrough(true)
        .writeThrough(true)
        .statisticsEnabled(true)
        .managementEnabled(true)
        .storeByValue(false)
        .cacheLoaderFactory(new FactoryBuilder.SingletonFactory<>(new NoLoader<>()))
        .cacheWriterFactory(new FactoryBuilder.SingletonFactory<>(new NoWriter<>()))
        .expiryPolicyFactory(AccessedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_HOUR))
        .addListener(listener())
        .clock(() -> 7L)
        .build();
  }

  private static <K, V> MutableCacheEntryListenerConfiguration<K, V> listener() {
    return new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(Created.class), null, /* isOldValueRequired= */ false, /* isSynchronous= */ true);
  }

  /** A listener that ignores its events. */
  public static final class Created implements CacheEntryCreatedListener<Object, Object> {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends Object, ? extends Object>> events) {}
  }

  /** A loader that loads nothing. */
  public static final class NoLoader<K, V> implements CacheLoader<K, V> {
    @Override
    public V load(K key) {
      return null;
    }

    @Override
    public java.util.Map<K, V> loadAll(Iterable<? extends K> keys) {
      return java.util.Map.of();
    }
  }

  /** A writer that writes nowhere. */
  public static final class NoWriter<K, V> implements CacheWriter<K, V> {
    @Override
    public void write(javax.cache.Cache.Entry<? extends K, ? extends V> entry) {}

    @Override
    public void writeAll(java.util.Collection<javax.cache.Cache.Entry<? extends K, ? extends V>> entries) {}

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(java.util.Collection<?> keys) {}
  }
}
