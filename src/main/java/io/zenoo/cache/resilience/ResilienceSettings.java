package io.zenoo.cache.resilience;

import java.time.Duration;

/**
 * The parameters of the resilience layer, as SPEC section 4 names them.
 *
 * @param retryAttempts total attempts of an operation ({@code retry_attempts}), at least 1
 * @param backoff the delay schedule between attempts ({@code retry_backoff_base}, {@code retry_backoff_max})
 * @param circuitBreakerThreshold consecutive failed operations that open the circuit; 0 for no breaker
 * @param circuitBreakerTimeout time OPEN before a probe
 * @param healthCheckInterval period of the PING health check
 * @param fallbackEnabled whether an in-memory fallback serves while the remote store is unusable
 * @param replay on recovery, write the fallback's values back (true) instead of deleting the keys (false)
 * @param journalLimit keys the outage journal lists before it records "everything" instead
 */
public record ResilienceSettings(
    int retryAttempts,
    Backoff backoff,
    int circuitBreakerThreshold,
    Duration circuitBreakerTimeout,
    Duration healthCheckInterval,
    boolean fallbackEnabled,
    boolean replay,
    int journalLimit) {}
