package io.zenoo.cache.serialization;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Delegates to the test class loader and records every name it is asked to load. */
final class RecordingClassLoader extends ClassLoader {

  private final Set<String> requested = ConcurrentHashMap.newKeySet();

  RecordingClassLoader() {
    super(RecordingClassLoader.class.getClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    requested.add(name);
    return super.loadClass(name, resolve);
  }

  /** Returns the names requested so far. */
  Set<String> requested() {
    return requested;
  }
}
