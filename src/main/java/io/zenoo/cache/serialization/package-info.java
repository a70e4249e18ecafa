/**
 * Copiers for store-by-value, and the codecs that turn values into bytes for stores that keep bytes: the
 * {@link io.zenoo.cache.serialization.Codec} SPI, {@link io.zenoo.cache.serialization.Codecs} (the
 * {@code json}, {@code java}/{@code pickle} and custom codecs by name), and the
 * {@link io.zenoo.cache.serialization.AllowList} both built-in decoders check before they create anything.
 * Uses nothing else of zenoo-cache.
 */
@NullMarked
package io.zenoo.cache.serialization;

import org.jspecify.annotations.NullMarked;
