/**
 * The Redis test kit: real {@code redis-server} processes for tests, published in the test-jar so
 * that every test and the TCK runner start Redis the same way.
 *
 * <ul>
 *   <li>{@link io.zenoo.cache.testkit.RedisServer}: one process on a free loopback port, with no
 *       persistence, optionally TLS-only and with ACL users; stop, SIGKILL, SIGSTOP/SIGCONT, restart
 *       on the same port and dropping client connections, for fault tests.
 *   <li>{@link io.zenoo.cache.testkit.RedisExtension}: the JUnit 5 extension that starts one per
 *       test class or per test and injects it as a {@code RedisServer} parameter.
 *   <li>{@link io.zenoo.cache.testkit.RespConnection}: a minimal RESP client over a socket, so the
 *       kit and its tests need no Redis client library.
 * </ul>
 *
 * <p>The binary comes from the environment variable {@code REDIS_SERVER}, else {@code redis-server}
 * on the {@code PATH}, else the Redis 6.2 binary inside the test dependency {@code
 * com.github.codemonstur:embedded-redis}, extracted once per JVM. Nothing here needs a network
 * beyond the loopback interface.
 */
@NullMarked
package io.zenoo.cache.testkit;

import org.jspecify.annotations.NullMarked;
