package io.zenoo.cache.serialization.acme;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A record whose payload carries a class type id by annotation, not by the codec's choice. */
public record Envelope(@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object payload) {}
