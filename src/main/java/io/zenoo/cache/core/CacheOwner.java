package io.zenoo.cache.core;

import java.net.URI;
import javax.cache.CacheManager;

/** What a cache needs from the manager that created it. Implemented by the JCache layer. */
public interface CacheOwner {

  /** Returns the manager, as {@code Cache.getCacheManager()} returns it. */
  CacheManager manager();

  /** Returns the manager's URI, used in JMX names (with any credentials masked). */
  URI jmxUri();

  /** Called once when the cache closes, so the manager stops handing it out. */
  void released(CacheEngine<?, ?> cache);
}
