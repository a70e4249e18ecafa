package io.zenoo.cache.spring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

/**
 * A service cached through Spring's annotations over the {@code books} cache. Its "database" is a map, and
 * it counts how often {@link #find} really runs, which is what the tests read to tell hits from misses.
 * Not final: Spring proxies it by subclassing.
 */
public class BookService {

  private final Map<String, String> titles = new ConcurrentHashMap<>();
  private final AtomicInteger finds = new AtomicInteger();

  /** Returns the book, read from the cache when it is there. */
  @Cacheable("books")
  public Book find(String isbn) {
    finds.incrementAndGet();
    return new Book(isbn, titles.getOrDefault(isbn, "unknown"));
  }

  /** Stores the book and puts it in the cache under its ISBN. */
  @CachePut(cacheNames = "books", key = "#book.isbn()")
  public Book save(Book book) {
    titles.put(book.isbn(), book.title());
    return book;
  }

  /** Deletes the book and evicts it from the cache. */
  @CacheEvict("books")
  public void delete(String isbn) {
    titles.remove(isbn);
  }

  /** Sets a title behind the cache's back, as another application writing the database would. */
  public void setTitleDirectly(String isbn, String title) {
    titles.put(isbn, title);
  }

  /** Returns how often {@link #find} ran its body. */
  public int finds() {
    return finds.get();
  }
}
