package io.zenoo.cache.transaction;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/** A CacheWriter that records its calls ("writeAll {k=v}", "deleteAll [k]") and fails on demand. */
final class RecordingWriter implements CacheWriter<String, String>, Serializable {

  private static final long serialVersionUID = 1L;
  private final List<String> calls = new ArrayList<>();
  private volatile boolean failing;

  void failing(boolean failing) {
    this.failing = failing;
  }

  synchronized List<String> calls() {
    return new ArrayList<>(calls);
  }

  @Override
  public synchronized void write(Cache.Entry<? extends String, ? extends String> entry) {
    check();
    calls.add("write " + entry.getKey() + "=" + entry.getValue());
  }

  @Override
  public synchronized void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
    check();
    TreeMap<String, String> sorted = new TreeMap<>();
    entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
    calls.add("writeAll " + sorted);
    entries.clear();
  }

  @Override
  public synchronized void delete(Object key) {
    check();
    calls.add("delete " + key);
  }

  @Override
  public synchronized void deleteAll(Collection<?> keys) {
    check();
    calls.add("deleteAll " + new java.util.TreeSet<>(keys.stream().map(String::valueOf).toList()));
    keys.clear();
  }

  private void check() {
    if (failing) {
      throw new CacheWriterException("the system of record is down");
    }
  }
}
