package io.zenoo.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link AccessedExpiry} with two threads on one cache. */
@Threads(2)
public class AccessedExpiry2T extends AccessedExpiry {}
