/** MemoryCache: the in-memory backend, its LRU-bounded store and the shared sweeper. */
@NullMarked
package io.zenoo.cache.memory;

import org.jspecify.annotations.NullMarked;
