package io.zenoo.cache.hibernate;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** A cached entity with a cached collection: its novels, in the collection region {@code Author.novels}. */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Author {

  @Id
  private Long id;

  private String name;

  @OneToMany(mappedBy = "author", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("id")
  @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
  private List<Novel> novels = new ArrayList<>();

  /** For Hibernate. */
  protected Author() {}

  /** Creates an author without novels. */
  public Author(Long id, String name) {
    this.id = id;
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<Novel> getNovels() {
    return novels;
  }

  /** Adds a novel to both sides of the association. */
  public Novel write(Long novelId, String title) {
    Novel novel = new Novel(novelId, title, this);
    novels.add(novel);
    return novel;
  }
}
