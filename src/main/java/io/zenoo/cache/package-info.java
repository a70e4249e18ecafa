/** The public face of zenoo-cache beyond {@code javax.cache}: {@link io.zenoo.cache.ZenooCache}, {@link io.zenoo.cache.CacheStats}. */
@NullMarked
package io.zenoo.cache;

import org.jspecify.annotations.NullMarked;
