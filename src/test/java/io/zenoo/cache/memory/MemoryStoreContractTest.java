package io.zenoo.cache.memory;

import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreContractTest;
import io.zenoo.cache.store.StoreEntry;
import java.util.List;
import java.util.Optional;

/**
 * {@link MemoryStore} against the store contract. A store's data is private to its instance, so the tests of
 * writers on other instances are skipped; the sweep is off, so expired entries stay until the test removes
 * them.
 */
class MemoryStoreContractTest extends StoreContractTest {

  private static final long MAX_SIZE = 100_000;

  private static final Store.RemovalListener<String, Object> IGNORED =
      new Store.RemovalListener<>() {
        @Override
        public void onEviction(String key, StoreEntry<Object> entry) {}

        @Override
        public void onExpiration(String key, StoreEntry<Object> entry) {}
      };

  @Override
  protected Store<String, Object> openStore() {
    return MemoryStore.create(MAX_SIZE, /* sweepIntervalNanos= */ 0, clock, (k, v) -> 1, IGNORED);
  }

  @Override
  protected Optional<Store<String, Object>> openSharingStore() {
    return Optional.empty();
  }

  @Override
  protected List<Store<String, Object>> openNeighbours() {
    return List.of(openStore());
  }

  @Override
  protected Object value(String text) {
    return text;
  }

  @Override
  protected String text(Object stored) {
    return (String) stored;
  }
}
