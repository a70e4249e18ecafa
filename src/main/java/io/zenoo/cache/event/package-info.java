/** Entry listener registrations and the dispatcher that delivers events in per-key order. */
@NullMarked
package io.zenoo.cache.event;

import org.jspecify.annotations.NullMarked;
