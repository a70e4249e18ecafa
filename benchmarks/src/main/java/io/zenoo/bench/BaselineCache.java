package io.zenoo.bench;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * The tiny adapter the baselines share: a raw store behind the {@link Cache} interface, so that the
 * benchmark methods are the same for every provider. A baseline is not a JCache implementation: no
 * bound, no expiry, no copies, no events, no manager; what the benchmarks never call throws {@link
 * UnsupportedOperationException} here. Subclasses: {@link MapCache} ({@code chm}), {@link
 * LettuceCache} ({@code lettuce-sync}, {@code lettuce-async}).
 */
abstract class BaselineCache implements Cache<String, String> {

  private final String name;
  private final String baseline;

  BaselineCache(String name, String baseline) {
    this.name = name;
    this.baseline = baseline;
  }

  final UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException(baseline + " baseline");
  }

  @Override
  public final String getName() {
    return name;
  }

  @Override
  public Iterator<Entry<String, String>> iterator() {
    throw unsupported();
  }

  @Override
  public void loadAll(Set<? extends String> keys, boolean replaceExistingValues, CompletionListener listener) {
    throw unsupported();
  }

  @Override
  public <C extends Configuration<String, String>> C getConfiguration(Class<C> clazz) {
    throw unsupported();
  }

  @Override
  public <T> T invoke(String key, EntryProcessor<String, String, T> processor, Object... arguments) {
    throw unsupported();
  }

  @Override
  public <T> Map<String, EntryProcessorResult<T>> invokeAll(
      Set<? extends String> keys, EntryProcessor<String, String, T> processor, Object... arguments) {
    throw unsupported();
  }

  @Override
  public CacheManager getCacheManager() {
    return null;
  }

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<String, String> configuration) {
    throw unsupported();
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<String, String> configuration) {
    throw unsupported();
  }
}
