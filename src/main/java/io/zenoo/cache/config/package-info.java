/** Typed, immutable cache configurations and their builders. */
@NullMarked
package io.zenoo.cache.config;

import org.jspecify.annotations.NullMarked;
