/**
 * Micrometer meters for the backend and resilience statistics of our caches ({@link
 * io.zenoo.cache.metrics.ZenooCacheMetrics}). Optional: Micrometer is an optional dependency, and no other
 * package refers to this one, so nothing here is loaded unless the application binds it.
 */
@NullMarked
package io.zenoo.cache.metrics;

import org.jspecify.annotations.NullMarked;
