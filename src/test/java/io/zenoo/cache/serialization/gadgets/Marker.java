package io.zenoo.cache.serialization.gadgets;

/** An interface for subtype rules of an allow-list. */
public interface Marker {}
