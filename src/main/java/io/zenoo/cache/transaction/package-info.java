/**
 * Cache transactions: writes to zenoo caches recorded during a unit of work and applied at its commit
 * (atomically per cache on Redis) or dropped at its rollback; {@link io.zenoo.cache.transaction.CacheTransaction}
 * and the JTA adapter {@link io.zenoo.cache.transaction.CacheTransactionSynchronization}.
 */
@NullMarked
package io.zenoo.cache.transaction;

import org.jspecify.annotations.NullMarked;
