/**
 * Test classes standing for deserialization gadgets: each records in {@link GadgetFlags} whether any of
 * its code ran. No allow-list in the tests admits this package.
 */
@NullMarked
package io.zenoo.cache.serialization.gadgets;

import org.jspecify.annotations.NullMarked;
