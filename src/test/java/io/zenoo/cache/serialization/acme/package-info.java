/** Test fixtures standing for an application's own classes, to be registered in an allow-list. */
@NullMarked
package io.zenoo.cache.serialization.acme;

import org.jspecify.annotations.NullMarked;
