package io.zenoo.cache.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.ApplicationContext;
import org.springframework.core.SpringVersion;

/**
 * Proves which Spring Boot and Spring Framework a Surefire execution runs the Spring Boot tests on: each
 * execution of the pom sets {@code expected.spring-boot.version} and {@code expected.spring.version}, so
 * the executions that swap in Spring Boot 4 (or Boot 3.5.7's own Spring Framework) cannot silently run on
 * the jars the test class path was compiled against. A missing property fails: the test never skips.
 */
class SpringVersionsTest {

  private static String expected(String property) {
    String value = System.getProperty(property);
    assertThat(value)
        .as("system property %s (set per Surefire execution in the pom)", property)
        .isNotBlank();
    return value;
  }

  private static String version(Class<?> type) {
    return String.valueOf(type.getPackage().getImplementationVersion());
  }

  @Test
  void springBoot_everyModuleIsTheVersionThisExecutionExpects() {
    Map<String, String> modules = new TreeMap<>();
    modules.put("spring-boot", SpringBootVersion.getVersion());
    modules.put("spring-boot (SpringApplication)", version(SpringApplication.class));
    modules.put("spring-boot-autoconfigure", version(EnableAutoConfiguration.class));
    System.out.println("[spring versions] " + modules);
    String expected = expected("expected.spring-boot.version");
    assertThat(modules.values()).as("Spring Boot modules on the class path: %s", modules)
        .allSatisfy(v -> assertThat(v).isEqualTo(expected));
  }

  @Test
  void springFramework_everyModuleIsTheVersionThisExecutionExpects() {
    Map<String, String> modules = new TreeMap<>();
    modules.put("spring-core", SpringVersion.getVersion());
    modules.put("spring-beans", version(BeanFactory.class));
    modules.put("spring-aop", version(ProxyFactory.class));
    modules.put("spring-context", version(ApplicationContext.class));
    modules.put("spring-context-support", version(JCacheCacheManager.class));
    System.out.println("[spring versions] " + modules);
    String expected = expected("expected.spring.version");
    assertThat(modules.values()).as("Spring Framework modules on the class path: %s", modules)
        .allSatisfy(v -> assertThat(v).isEqualTo(expected));
  }
}
