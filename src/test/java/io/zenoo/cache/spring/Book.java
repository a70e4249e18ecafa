package io.zenoo.cache.spring;

import java.io.Serializable;

/** The value the Spring test caches: a record, so the JSON codec on Redis needs its package allowed. */
public record Book(String isbn, String title) implements Serializable {}
