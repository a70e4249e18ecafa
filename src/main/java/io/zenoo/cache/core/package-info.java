/** JCache semantics written once over a {@link io.zenoo.cache.store.Store}: expiry, events, statistics, loader/writer, entry processors, copying. */
@NullMarked
package io.zenoo.cache.core;

import org.jspecify.annotations.NullMarked;
