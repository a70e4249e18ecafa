/** RedisCache: the Redis backend on Lettuce, its store, key naming, scripts and shared clients. */
@NullMarked
package io.zenoo.cache.redis;

import org.jspecify.annotations.NullMarked;
