package io.zenoo.cache.spring;

/** {@link SpringBootCacheContract} on the provider's embedded default: MemoryCache caches. */
class SpringBootMemoryCacheTest extends SpringBootCacheContract {

  @Override
  String expectedBackend() {
    return "memory";
  }

  @Override
  boolean backendHolds(String key) {
    // the MemoryCache is the JCache cache itself
    return jcache().containsKey(key);
  }
}
