package io.zenoo.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link AccessedExpiry} with one thread. */
@Threads(1)
public class AccessedExpiry1T extends AccessedExpiry {}
