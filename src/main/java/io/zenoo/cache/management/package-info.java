/** JMX: configuration, JCache statistics and backend statistics MXBeans, and their registration. */
@NullMarked
package io.zenoo.cache.management;

import org.jspecify.annotations.NullMarked;
