package io.zenoo.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link MemoryCache} with one thread. */
@Threads(1)
public class MemoryCache1T extends MemoryCache {}
