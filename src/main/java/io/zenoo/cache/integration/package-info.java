/** Adapters around user-supplied loaders and writers, and their null objects. */
@NullMarked
package io.zenoo.cache.integration;

import org.jspecify.annotations.NullMarked;
