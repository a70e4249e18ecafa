package io.zenoo.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link RedisSync} with one thread. */
@Threads(1)
public class RedisSync1T extends RedisSync {}
