package io.zenoo.cache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RedisCache parameters read from manager Properties and from the query of a redis:// manager URI. */
class RedisPropertiesTest {

  private static RedisCacheConfiguration.Builder<String, String> builder() {
    return RedisCacheConfiguration.builder(String.class, String.class);
  }

  private static Properties properties(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static RedisCacheConfiguration<String, String> apply(Properties p) {
    return CacheProperties.applyRedis(builder(), p).build();
  }

  @Test
  void applyRedis_everyKey_setsEveryParameter() {
    RedisCacheConfiguration<String, String> c =
        apply(
            properties(
                "url", "rediss://:pw@cache.example.com:6380/3",
                "namespace", " shop ",
                "serializer", "pickle",
                "max_connections", "8",
                "retry_attempts", " 1 ",
                "retry_backoff_base", "0.05",
                "retry_backoff_max", "2.5",
                "health_check_interval", "10",
                "circuit_breaker_threshold", "3",
                "circuit_breaker_timeout", "0.25",
                "socket_timeout", "0.5",
                "socket_connect_timeout", "1.5",
                "enable_fallback", "no",
                "allowed_packages", " com.example , org.acme.Money,, "));

    assertThat(c.getUrl()).isEqualTo("rediss://:pw@cache.example.com:6380/3");
    assertThat(c.getNamespace()).isEqualTo("shop");
    assertThat(c.getSerializer()).isEqualTo("java");
    assertThat(c.getMaxConnections()).isEqualTo(8);
    assertThat(c.getRetryAttempts()).isEqualTo(1);
    assertThat(c.getRetryBackoffBase()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.getRetryBackoffMax()).isEqualTo(Duration.ofMillis(2500));
    assertThat(c.getHealthCheckInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.getCircuitBreakerThreshold()).isEqualTo(3);
    assertThat(c.getCircuitBreakerTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.getSocketTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.getSocketConnectTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.isFallbackEnabled()).isFalse();
    assertThat(c.getAllowedPackages()).containsExactly("com.example", "org.acme.Money");
  }

  @Test
  void applyRedis_noKeys_leavesTheDefaults() {
    Properties unrelated = properties("max_size", "10", "timeout", "3");

    assertThat(apply(unrelated)).isEqualTo(builder().build());
    assertThat(CacheProperties.hasRedisKeys(unrelated)).isFalse();
    assertThat(CacheProperties.hasRedisKeys(properties("socket_timeout", "1"))).isTrue();
  }

  @Test
  void applyRedis_keepsEarlierBuilderSettingsForAbsentKeys() {
    RedisCacheConfiguration<String, String> c =
        CacheProperties.applyRedis(builder().namespace("mine").maxConnections(4), properties("max_connections", "6"))
            .build();

    assertThat(c.getNamespace()).isEqualTo("mine");
    assertThat(c.getMaxConnections()).isEqualTo(6);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0.1 | PT0.1S",
        "1e-3 | PT0.001S",
        "0.000000001 | PT0.000000001S",
        "30 | PT30S",
        "' 2.75 ' | PT2.75S",
        "3600 | PT1H",
      })
  void applyRedis_secondsWithFractions_becomeDurations(String seconds, String duration) {
    assertThat(apply(properties("socket_timeout", seconds)).getSocketTimeout()).isEqualTo(Duration.parse(duration));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true | true",
        "TRUE | true",
        "yes | true",
        "' Yes ' | true",
        "false | false",
        "no | false",
        "NO | false",
      })
  void applyRedis_enableFallbackWords_areRead(String value, boolean expected) {
    assertThat(apply(properties("enable_fallback", value)).isFallbackEnabled()).isEqualTo(expected);
  }

  @Test
  void applyRedis_emptyAllowedPackages_givesAnEmptyList() {
    assertThat(apply(properties("allowed_packages", " ")).getAllowedPackages()).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "max_connections | 0 | a whole number > 0",
        "max_connections | -1 | a whole number > 0",
        "max_connections | many | a whole number > 0",
        "max_connections | 2.5 | a whole number > 0",
        "max_connections | 99999999999 | a whole number > 0",
        "retry_attempts | 0 | a whole number >= 1",
        "retry_attempts | three | a whole number >= 1",
        "circuit_breaker_threshold | -1 | a whole number >= 0",
        "circuit_breaker_threshold | '' | a whole number >= 0",
        "fallback_max_size | 0 | a whole number > 0",
        "fallback_reconcile | delete | invalidate or replay",
        "retry_backoff_base | 0 | a positive number of seconds such as 30 or 0.5",
        "retry_backoff_max | -1 | a positive number of seconds such as 30 or 0.5",
        "health_check_interval | none | a positive number of seconds such as 30 or 0.5",
        "circuit_breaker_timeout | '' | a positive number of seconds such as 30 or 0.5",
        "socket_timeout | 5s | a positive number of seconds such as 30 or 0.5",
        "socket_connect_timeout | PT5S | a positive number of seconds such as 30 or 0.5",
        "socket_timeout | 0.0000000001 | a positive number of seconds such as 30 or 0.5",
        "enable_fallback | on | true, false, yes or no",
        "enable_fallback | 1 | true, false, yes or no",
        "enable_fallback | '' | true, false, yes or no",
        "namespace | a:b | a non-empty name without whitespace or ':'",
        "namespace | '' | a non-empty name without whitespace or ':'",
        "namespace | my app | a non-empty name without whitespace or ':'",
        "serializer | yaml | json, java, pickle or the fully qualified class name of a codec",
        "allowed_packages | com.example.* | comma-separated package prefixes of at least two segments or class"
            + " names such as com.example,org.acme.Money",
        "url | http://localhost | a redis://, rediss:// or redis-sentinel:// URI naming a host",
      })
  void applyRedis_badValue_failsNamingKeyValueAndExpectation(String key, String value, String expected) {
    assertThatThrownBy(() -> apply(properties(key, value)))
        .isInstanceOf(CacheException.class)
        .hasMessage("Invalid value '" + value + "' for property '" + key + "': expected " + expected);
  }

  @Test
  void applyRedis_badUrlWithPassword_showsItMasked() {
    assertThatThrownBy(() -> apply(properties("url", "http://user:hunter2@host")))
        .isInstanceOf(CacheException.class)
        .hasMessage(
            "Invalid value 'http://user:****@host' for property 'url':"
                + " expected a redis://, rediss:// or redis-sentinel:// URI naming a host")
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url must start with redis://, rediss:// or redis-sentinel://, but was 'http://user:****@host'");
  }

  @Test
  void applyRedis_builderRejection_isTheCause() {
    assertThatThrownBy(() -> apply(properties("max_connections", "0")))
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max_connections must be > 0, but was 0");
  }

  @Test
  void applyRedis_backoffMaxBelowBase_failsAtBuild() {
    RedisCacheConfiguration.Builder<String, String> b =
        CacheProperties.applyRedis(builder(), properties("retry_backoff_base", "2", "retry_backoff_max", "1"));

    assertThatThrownBy(b::build).hasMessage("retry_backoff_max must be >= retry_backoff_base (PT2S), but was PT1S");
  }

  @Test
  void redisKeys_areTheSpecParametersPlusAllowedPackagesAndTruststore() {
    assertThat(CacheProperties.REDIS_KEYS)
        .containsExactlyInAnyOrder(
            "url", "namespace", "serializer", "max_connections", "retry_attempts", "retry_backoff_base",
            "retry_backoff_max", "health_check_interval", "circuit_breaker_threshold", "circuit_breaker_timeout",
            "socket_timeout", "socket_connect_timeout", "enable_fallback", "fallback_max_size", "fallback_reconcile",
            "allowed_packages", "ssl_truststore",
            "ssl_truststore_password", "default_ttl");
  }

  @Test
  void truststoreProperties_setThePathAndAPasswordThatNeverPrints() {
    Properties properties = new Properties();
    properties.setProperty("ssl_truststore", "/etc/app/ca.p12");
    properties.setProperty("ssl_truststore_password", "trust-me-pw");
    RedisCacheConfiguration<String, String> configuration =
        CacheProperties.applyRedis(RedisCacheConfiguration.builder(String.class, String.class), properties).build();
    assertThat(configuration.getSslTruststore()).isEqualTo("/etc/app/ca.p12");
    assertThat(configuration.getSslTruststorePassword()).isEqualTo("trust-me-pw");
    assertThat(configuration.toString()).contains("/etc/app/ca.p12").doesNotContain("trust-me-pw");
  }

  @Test
  void applyRedisUri_queryParameters_setTheParametersAndTheStrippedUrl() {
    URI uri =
        URI.create(
            "redis://:pw@h:6379/2?timeout=10s&namespace=app&serializer=java&socket_timeout=0.5"
                + "&enable_fallback=false&allowed_packages=com.example,org.acme&clientName=me");

    RedisCacheConfiguration<String, String> c = CacheProperties.applyRedisUri(builder(), uri).build();

    assertThat(c.getUrl()).isEqualTo("redis://:pw@h:6379/2?timeout=10s&clientName=me");
    assertThat(c.getNamespace()).isEqualTo("app");
    assertThat(c.getSerializer()).isEqualTo("java");
    assertThat(c.getSocketTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.isFallbackEnabled()).isFalse();
    assertThat(c.getAllowedPackages()).containsExactly("com.example", "org.acme");
    assertThat(c.getMaxConnections()).isEqualTo(RedisCacheConfiguration.DEFAULT_MAX_CONNECTIONS);
  }

  @Test
  void applyRedisUri_sentinelWithFragment_keepsHostsAndMaster() {
    URI uri = URI.create("redis-sentinel://:pw@h1:26379,h2:26379/0?retry_attempts=5#mymaster");

    RedisCacheConfiguration<String, String> c = CacheProperties.applyRedisUri(builder(), uri).build();

    assertThat(c.getUrl()).isEqualTo("redis-sentinel://:pw@h1:26379,h2:26379/0#mymaster");
    assertThat(c.getRetryAttempts()).isEqualTo(5);
  }

  @Test
  void applyRedisUri_thenProperties_propertiesWin() {
    URI uri = URI.create("redis://h?namespace=fromUri&max_connections=3");

    RedisCacheConfiguration<String, String> c =
        CacheProperties.applyRedis(
                CacheProperties.applyRedisUri(builder(), uri), properties("namespace", "fromProperties"))
            .build();

    assertThat(c.getNamespace()).isEqualTo("fromProperties");
    assertThat(c.getMaxConnections()).isEqualTo(3);
  }

  @Test
  void redisUriParameters_encodedAndRepeated_areDecodedLastWins() {
    URI uri = URI.create("redis://h?name%73pace=a%2Db&namespace=c+d&serializer=json&serializer=java&timeout=1");

    Properties p = CacheProperties.redisUriParameters(uri);

    assertThat(p).containsOnlyKeys("namespace", "serializer");
    assertThat(p.getProperty("namespace")).isEqualTo("c+d");
    assertThat(p.getProperty("serializer")).isEqualTo("java");
  }

  @Test
  void redisUriParameters_urlInQuery_isNotOurs() {
    assertThat(CacheProperties.redisUriParameters(URI.create("redis://h?url=redis://x"))).isEmpty();
  }

  @Test
  void applyRedisUri_badQueryValue_failsNamingTheParameter() {
    URI uri = URI.create("redis://:pw@h?socket_timeout=fast");

    assertThatThrownBy(() -> CacheProperties.applyRedisUri(builder(), uri))
        .isInstanceOf(CacheException.class)
        .hasMessage(
            "Invalid value 'fast' for property 'socket_timeout': expected a positive number of seconds such as 30"
                + " or 0.5");
  }

  @Test
  void applyRedisUri_parameterWithoutValue_isABadEmptyValue() {
    URI uri = URI.create("redis://h?enable_fallback");

    assertThatThrownBy(() -> CacheProperties.applyRedisUri(builder(), uri))
        .isInstanceOf(CacheException.class)
        .hasMessage("Invalid value '' for property 'enable_fallback': expected true, false, yes or no");
  }

  @Test
  void applyRedisUri_notARedisUri_failsWithTheUrlMasked() {
    URI uri = URI.create("memcached://user:pw@h:11211?namespace=x");

    assertThatThrownBy(() -> CacheProperties.applyRedisUri(builder(), uri))
        .isInstanceOf(CacheException.class)
        .hasMessageStartingWith("Invalid value 'memcached://user:****@h:11211' for property 'url'")
        .message()
        .doesNotContain("pw");
  }
}
