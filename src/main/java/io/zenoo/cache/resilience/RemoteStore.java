package io.zenoo.cache.resilience;

import io.zenoo.cache.store.Store;
import io.zenoo.cache.store.StoreAccessException;
import java.util.Collection;

/**
 * A {@link Store} behind a network: what the resilience layer needs of it beyond the Store SPI.
 *
 * @param <K> the key type
 * @param <V> the stored value type
 */
public interface RemoteStore<K, V> extends Store<K, V> {

  /** Opens the connection now rather than at first use. */
  void connect() throws StoreAccessException;

  /** Returns whether the connection is open now; never connects. */
  boolean isConnected();

  /** Sends one round trip that touches no data (a PING) and returns once it is answered. */
  void ping() throws StoreAccessException;

  /** Deletes the keys unconditionally, whatever they hold. */
  void invalidate(Collection<K> keys) throws StoreAccessException;

  /** Returns the masked address of the store, for messages and logs. */
  String server();
}
