/** The JCache SPI entry points: caching provider, cache managers and the factory that builds caches. */
@NullMarked
package io.zenoo.cache.jcache;

import org.jspecify.annotations.NullMarked;
