/** MemoryCache: the in-memory backend, its bounded store (frequency-aware eviction) and the shared sweeper. */
@NullMarked
package io.zenoo.cache.memory;

import org.jspecify.annotations.NullMarked;
