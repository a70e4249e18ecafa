package io.zenoo.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link MemoryCache} with two threads on one cache. */
@Threads(2)
public class MemoryCache2T extends MemoryCache {}
