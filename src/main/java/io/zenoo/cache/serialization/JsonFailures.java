package io.zenoo.cache.serialization;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Describes a Jackson failure in one clause for a {@link CodecException} message: the kind of problem, the
 * classes and property names involved, and where; never a token or value of the data (Jackson's own
 * messages can quote them, so they are not reused except for type-definition problems, which are about
 * classes only).
 */
final class JsonFailures {

  private static final int MAX_NAME = 200;

  private JsonFailures() {}

  /** Returns what went wrong while reading JSON. */
  static String describeRead(Throwable e) {
    if (e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException cause
        && !(cause instanceof JsonMappingException)) {
      return describeRead(cause); // a parse error met while binding
    }
    if (e instanceof InvalidTypeIdException t && t.getTypeId() == null) {
      return "the type id is missing (a '" + JsonCodec.TYPE_PROPERTY
          + "' property, or a [\"class\", value] pair)" + at(t);
    } else if (e instanceof InvalidTypeIdException t) {
      return "type id '" + clip(t.getTypeId()) + "' is refused: the class is not in the allow-list, or is"
          + " not a " + typeName(t.getBaseType()) + at(t);
    } else if (e instanceof InvalidDefinitionException d) {
      return d.getOriginalMessage() + at(d);
    } else if (e instanceof UnrecognizedPropertyException u) {
      return "unknown property '" + clip(u.getPropertyName()) + "' for " + className(u.getReferringClass())
          + at(u);
    } else if (e instanceof MismatchedInputException m) {
      String message = m.getOriginalMessage();
      if (message != null && message.startsWith("Trailing token")) {
        return "unexpected data after the value" + where(m.getLocation());
      } else if (message != null && message.startsWith("No content to map")) {
        return "the input is empty";
      }
      return "the JSON does not have the shape of " + className(m.getTargetType()) + at(m);
    } else if (e instanceof JsonMappingException m) {
      return "the JSON cannot be mapped (" + m.getClass().getSimpleName() + ")" + at(m);
    } else if (e instanceof JsonEOFException eof) {
      return "the JSON ends too early (truncated)" + where(eof.getLocation());
    } else if (e instanceof StreamConstraintsException c) {
      return "the JSON exceeds a parser limit: " + c.getOriginalMessage();
    } else if (e instanceof JsonParseException p) {
      return "malformed JSON" + where(p.getLocation());
    } else if (e instanceof JsonProcessingException p) {
      return p.getClass().getSimpleName() + where(p.getLocation());
    } else if (e instanceof IllegalArgumentException && e.getMessage() != null
        && e.getMessage().startsWith("Failed to parse type")) {
      // a generic type id whose type parameter the type factory refused or could not find
      return "a type id is refused: " + clip(e.getMessage());
    }
    return e.getClass().getName();
  }

  /** Returns what went wrong while writing JSON. */
  static String describeWrite(Throwable e) {
    if (e instanceof InvalidDefinitionException d) {
      // the class is not a bean Jackson can write: say what the user can do about it
      return d.getOriginalMessage() + at(d) + ". Give the class public getters (or Jackson annotations), or"
          + " store it with serializer=java (the class must be Serializable and in allowed_packages)";
    } else if (e instanceof JsonMappingException m) {
      Throwable cause = m.getCause();
      return "writing failed" + at(m) + (cause == null ? "" : ", with " + cause.getClass().getName());
    }
    return e.getClass().getName();
  }

  /** Returns a name taken from the data, cut to a length a log line can take. */
  private static String clip(@Nullable String name) {
    if (name == null) {
      return "";
    }
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "...";
  }

  private static String typeName(@Nullable JavaType type) {
    return type == null ? "the expected type" : type.toCanonical();
  }

  private static String className(@Nullable Class<?> type) {
    return type == null ? "the expected type" : type.getName();
  }

  /** Returns " at $.property[2].other": property names and indexes, never map keys (they are data). */
  private static String at(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      Object from = reference.getFrom();
      boolean fromMap =
          from instanceof Map<?, ?> || (from instanceof Class<?> c && Map.class.isAssignableFrom(c));
      if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      } else if (reference.getFieldName() != null && !fromMap) {
        path.append('.').append(clip(reference.getFieldName()));
      } else {
        path.append("[key]");
      }
    }
    return (path.length() == 0 ? "" : " at $" + path) + where(e.getLocation());
  }

  private static String where(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
