/** The Store SPI: the atomic primitives a backend offers the JCache engine. Depends on nothing else of ours. */
@NullMarked
package io.zenoo.cache.store;

import org.jspecify.annotations.NullMarked;
