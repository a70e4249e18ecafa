package io.zenoo.cache.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot application of the tests: auto-configuration (which builds the cache manager from the
 * {@code spring.cache.*} properties), caching turned on, and one cached service. Only types that Spring
 * Boot 3 and 4 both have are used here, so the same compiled test runs on either.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
public class BookApplication {

  /** Returns the cached service. */
  @Bean
  public BookService bookService() {
    return new BookService();
  }
}
