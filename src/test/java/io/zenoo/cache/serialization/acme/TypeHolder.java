package io.zenoo.cache.serialization.acme;

/** A record with a Class-typed property: its value is a class name in the JSON. */
public record TypeHolder(Class<?> type) {}
