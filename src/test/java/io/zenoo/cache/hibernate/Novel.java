package io.zenoo.cache.hibernate;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** A cached entity, the element of {@link Author}'s cached collection and the subject of the cached query. */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Novel {

  @Id
  private Long id;

  private String title;

  @ManyToOne(fetch = FetchType.LAZY)
  private Author author;

  /** For Hibernate. */
  protected Novel() {}

  Novel(Long id, String title, Author author) {
    this.id = id;
    this.title = title;
    this.author = author;
  }

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public Author getAuthor() {
    return author;
  }
}
