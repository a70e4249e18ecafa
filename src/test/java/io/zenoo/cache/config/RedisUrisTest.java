package io.zenoo.cache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Masking of credentials and removal of our query parameters from Redis URLs; secrets never print. */
class RedisUrisTest {

  private static final String SECRET = "s3cr3t-Pa55";

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://user:secret@host:6379/0 | redis://user:****@host:6379/0",
        "redis://user:secret@host | redis://user:****@host",
        "redis://:secret@h | redis://****@h",
        "redis://secret@host:6379/0 | redis://****@host:6379/0",
        "rediss://default:secret@redis.example.com:6380/1 | rediss://default:****@redis.example.com:6380/1",
        "redis-sentinel://:pw@h1:26379,h2:26379/0#mymaster | redis-sentinel://****@h1:26379,h2:26379/0#mymaster",
        "redis-sentinel://u:pw@h1:26379,h2:26379,h3:26379?sentinelMasterId=m"
            + " | redis-sentinel://u:****@h1:26379,h2:26379,h3:26379?sentinelMasterId=m",
        "redis://user:p@ss:w@rd@host:6379 | redis://user:****@host:6379",
        "redis://user:pa/ss@host:6379 | redis://user:****@host:6379",
        "redis://:pa?ss#x@host | redis://****@host",
        "redis://us/er:pw@host | redis://****@host",
        "redis://localhost:6379/0 | redis://localhost:6379/0",
        "redis://h1:7000,h2:7001 | redis://h1:7000,h2:7001",
        "not a url at all | not a url at all",
        "secret@host | ****@host",
        "redis:secret@host | ****@host",
        "redis://bad host:secret@x y | redis://bad host:****@x y",
        "'' | ''",
      })
  void mask_url_hidesCredentials(String url, String masked) {
    assertThat(RedisUris.mask(url)).isEqualTo(masked);
  }

  @Test
  void mask_null_isTheWordNull() {
    assertThat(RedisUris.mask(null)).isEqualTo("null");
  }

  @Test
  void mask_atSignInQuery_masksMoreNeverLess() {
    assertThat(RedisUris.mask("redis://:pw@host:6379/0?clientName=a@b"))
        .doesNotContain("pw")
        .startsWith("redis://****@");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://h:6379/0?namespace=app&serializer=java&socket_timeout=0.5 | redis://h:6379/0",
        "redis://h?timeout=10s&namespace=app&database=2 | redis://h?timeout=10s&database=2",
        "redis://:pw@h/0?clientName=me&max_connections=3&retry_attempts=2 | redis://:pw@h/0?clientName=me",
        "redis-sentinel://h1:26379,h2:26379/0?namespace=a&sentinelMasterId=m#mymaster"
            + " | redis-sentinel://h1:26379,h2:26379/0?sentinelMasterId=m#mymaster",
        "redis://h?enable_fallback&timeout=1s | redis://h?timeout=1s",
        "redis://h?name%73pace=x&verifyPeers=false | redis://h?verifyPeers=false",
        "redis://h?timeout=1s&&namespace=x | redis://h?timeout=1s",
        "redis://h#frag?namespace=x | redis://h#frag?namespace=x",
        "redis://h/0 | redis://h/0",
        "redis://h/0? | redis://h/0",
        "redis://h?url=x&allowed_packages=a.b | redis://h?url=x",
        "redis://h?Namespace=x | redis://h?Namespace=x",
      })
  void withoutZenooParameters_url_keepsOnlyLettuceParameters(String url, String stripped) {
    assertThat(RedisUris.withoutZenooParameters(url)).isEqualTo(stripped);
  }

  @Test
  void withoutZenooParameters_everyKeyButUrl_isStripped() {
    StringBuilder url = new StringBuilder("redis://h?timeout=5s");
    for (String key : CacheProperties.REDIS_KEYS) {
      url.append('&').append(key).append("=v");
    }

    assertThat(RedisUris.withoutZenooParameters(url.toString())).isEqualTo("redis://h?timeout=5s&url=v");
  }

  /** Every way a password can reach text: toString, builder messages, Properties messages and their causes. */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "redis://admin:" + SECRET + "@host:6379/0",
        "redis://:" + SECRET + "@host",
        "redis://" + SECRET + "@host",
        "rediss://admin:" + SECRET + "@host:6380",
        "redis-sentinel://:" + SECRET + "@h1:26379,h2:26379/0#mymaster"
      })
  void toString_urlWithPassword_neverShowsThePassword(String url) {
    RedisCacheConfiguration<String, String> c =
        RedisCacheConfiguration.builder(String.class, String.class).url(url).build();

    assertThat(c.getUrl()).contains(SECRET);
    assertThat(c.toString()).doesNotContain(SECRET).contains("****@");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "http://admin:" + SECRET + "@host:6379/0",
        "redis://admin:" + SECRET + "@bad host:6379/0",
        "redis://admin:" + SECRET + " with spaces@host",
        "redis://:" + SECRET + "@",
        "redis://:" + SECRET + "@/0",
        "redis:" + SECRET + "@host",
        "redis://admin:" + SECRET + "/x@host",
        "redis://admin:" + SECRET + "%zz@host",
        SECRET + "@host"
      })
  void url_invalidWithPassword_messagesNeverShowThePassword(String url) {
    Throwable builderError =
        catchAll(() -> RedisCacheConfiguration.builder(String.class, String.class).url(url).build());
    Properties properties = new Properties();
    properties.setProperty("url", url);
    Throwable propertiesError =
        catchAll(
            () -> CacheProperties.applyRedis(RedisCacheConfiguration.builder(String.class, String.class), properties));

    assertThat(builderError).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("url ");
    assertThat(propertiesError)
        .isInstanceOf(CacheException.class)
        .hasMessageStartingWith("Invalid value '")
        .hasMessageContaining("for property 'url': expected a redis://, rediss:// or redis-sentinel:// URI");
    assertThat(messages(builderError)).isNotEmpty().noneMatch(m -> m.contains(SECRET));
    assertThat(messages(propertiesError)).hasSizeGreaterThan(1).noneMatch(m -> m.contains(SECRET));
    assertThat(String.valueOf(propertiesError)).doesNotContain(SECRET);
  }

  @Test
  void url_unparseableWithPassword_saysWhyWithoutTheInput() {
    assertThatThrownBy(
            () -> RedisCacheConfiguration.builder(String.class, String.class)
                .url("redis://admin:" + SECRET + "@bad host:6379/0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "url must be a valid URI (Illegal character in authority at index 8),"
                + " but was 'redis://admin:****@bad host:6379/0'")
        .hasNoCause();
  }

  private static Throwable catchAll(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected an exception");
  }

  private static List<String> messages(Throwable t) {
    List<String> messages = new ArrayList<>();
    for (Throwable c = t; c != null; c = c.getCause()) {
      messages.add(String.valueOf(c.getMessage()));
      messages.add(c.toString());
    }
    return messages;
  }
}
