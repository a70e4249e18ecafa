/** Small shared helpers. Not API: anything here may change without notice. */
@NullMarked
package io.zenoo.cache.internal;

import org.jspecify.annotations.NullMarked;
