package io.zenoo.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link RedisSync} with two threads on one cache. */
@Threads(2)
public class RedisSync2T extends RedisSync {}
