/** Copiers for store-by-value and the codecs that turn values into bytes. */
@NullMarked
package io.zenoo.cache.serialization;

import org.jspecify.annotations.NullMarked;
