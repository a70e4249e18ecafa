/**
 * The resilience layer between the JCache engine and a remote store: retries with exponential backoff and
 * jitter, a circuit breaker (Resilience4j), an in-memory fallback with an outage journal reconciled before
 * the remote store serves again, and periodic health checks. Depends on the Store SPI only.
 */
@NullMarked
package io.zenoo.cache.resilience;

import org.jspecify.annotations.NullMarked;
