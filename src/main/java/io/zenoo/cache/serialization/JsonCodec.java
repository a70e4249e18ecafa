package io.zenoo.cache.serialization;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code json} codec: values as UTF-8 JSON, written and read by Jackson for the cache's declared type.
 *
 * <p><b>Type ids.</b> A concrete declared type (a record, a bean, an enum, {@code String}, a number,
 * {@code Instant}, ...) and the JDK collection interfaces ({@code List}, {@code Set}, {@code Map}, ...) are
 * written as plain JSON with no type id: {@code "hello"}, {@code 42}, {@code {"name":"Ada"}}. The JSON
 * cannot say more than the declared type does, so a subclass instance comes back as the declared class,
 * and the elements of a raw collection come back as JSON's own types (strings, numbers, booleans, lists,
 * maps). A cache declared {@code Object}, or with any other interface or abstract class, needs the class
 * of each value to decode it: those values carry a type id ({@code "@class"}, or a
 * {@code ["class", value]} pair for scalars and collections) on every value whose static type is not final,
 * nested ones included; values JSON represents exactly ({@code String}, {@code Integer}, {@code Double},
 * {@code Boolean}) stay bare.
 *
 * <p><b>Safety.</b> Every type id is checked against the {@link AllowList} by name before Jackson loads or
 * creates anything (a Jackson {@code PolymorphicTypeValidator} built from it), and the type factory refuses
 * every class name from data that the list does not allow, including type parameters and
 * {@code Class}-typed properties. Annotation-driven polymorphism ({@code @JsonTypeInfo}) is checked the
 * same way. On encode, the class of a value that needs a type id must be allowed, so that a value that
 * could not be read back is refused when it is written.
 *
 * <p><b>Format.</b> {@code java.time} values are ISO-8601 strings ({@code ZonedDateTime} with its zone id,
 * {@code Duration} as {@code PT1H}); unknown properties, trailing data, nulls for primitives and numbers for
 * enums are errors, so bytes of another shape fail rather than decode into something else.
 *
 * <p>Immutable and safe for concurrent use. Failures are {@link CodecException}s naming the class and the
 * problem, never quoting the data.
 *
 * @param <T> the declared type of the values
 */
public final class JsonCodec<T> implements Codec<T> {

  /** The property that holds the type id of an object that needs one. */
  public static final String TYPE_PROPERTY = "@class";

  private final Class<T> declaredType;
  private final AllowList allowList;
  private final boolean typeIds;
  private final ObjectWriter writer;
  private final ObjectReader reader;

  private JsonCodec(Builder<T> builder) {
    this.declaredType = builder.declaredType;
    this.allowList =
        builder.allowList.allows(declaredType)
            ? builder.allowList
            : builder.allowList.toBuilder().allowClass(declaredType).build();
    this.typeIds = needsTypeIds(declaredType);
    ObjectMapper mapper = mapper(allowList, builder.classLoader, typeIds);
    this.writer = mapper.writerFor(declaredType);
    this.reader = mapper.readerFor(declaredType);
  }

  /** Returns a builder for a codec of values of the declared type (a primitive means its box). */
  public static <T> Builder<T> builder(Class<T> declaredType) {
    return new Builder<>(declaredType);
  }

  /** Returns the declared type of the values. */
  public Class<T> declaredType() {
    return declaredType;
  }

  /** Returns the allow-list in force: the one configured, plus the declared type. */
  public AllowList allowList() {
    return allowList;
  }

  /** Returns whether this codec writes and expects type ids (see the class comment). */
  public boolean writesTypeIds() {
    return typeIds;
  }

  /**
   * Returns true for a value of the declared type that JSON writes as a bare scalar and reads back as an
   * equal value of that class ({@code String}, {@code Integer}, {@code Long}, {@code Short}, {@code Byte},
   * {@code Boolean}, {@code Character}), and, in a cache declared {@code Object}, for the values written
   * without a type id ({@code String}, {@code Integer}, {@code Boolean}). Not for {@code Double} or
   * {@code Float}: a NaN is written as a string.
   */
  @Override
  public boolean decodesToEqual(Object value) {
    Class<?> type = value.getClass();
    if (type == declaredType) {
      return type == String.class || type == Integer.class || type == Long.class || type == Boolean.class
          || type == Short.class || type == Byte.class || type == Character.class;
    }
    return declaredType == Object.class && (type == String.class || type == Integer.class || type == Boolean.class);
  }

  /**
   * Returns whether the value {@linkplain #decodesToEqual decodes to an equal value} and encoding it cannot
   * fail (a bare scalar whose class, when the codec writes type ids, is allowed), so that its encoding may
   * wait until its bytes are needed.
   */
  boolean alwaysEncodesExactly(Object value) {
    return decodesToEqual(value) && (!typeIds || allowList.allows(value.getClass()));
  }

  /**
   * Returns the JSON of a string made only of printable ASCII without quotes or backslashes, the bytes
   * Jackson writes for it, built without Jackson; null for any other string (Jackson escapes it).
   */
  private static byte @Nullable [] plainAsciiJson(String text) {
    // one bulk copy (a compact Latin-1 string's bytes; any other character becomes '?'), then a scan of
    // bytes: cheaper than reading the string a character at a time
    byte[] ascii = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int n = ascii.length;
    if (n != text.length()) {
      return null; // a surrogate pair became one '?'
    }
    for (int i = 0; i < n; i++) {
      byte b = ascii[i];
      if (b < 0x20 || b == 0x7f || b == '"' || b == '\\' || (b == '?' && text.charAt(i) != '?')) {
        return null;
      }
    }
    byte[] json = new byte[n + 2];
    json[0] = '"';
    System.arraycopy(ascii, 0, json, 1, n);
    json[n + 1] = '"';
    return json;
  }

  /** Returns whether the bytes are a JSON string of printable ASCII without escapes (read without Jackson). */
  private static boolean isPlainAsciiJsonString(byte[] bytes) {
    int n = bytes.length;
    if (n < 2 || bytes[0] != '"' || bytes[n - 1] != '"') {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      byte b = bytes[i];
      if (b < 0x20 || b > 0x7e || b == '"' || b == '\\') {
        return false;
      }
    }
    return true;
  }

  @Override
  public byte[] encode(T value) {
    requireNonNull(value, "value");
    Class<?> type = value.getClass();
    if (!declaredType.isInstance(value)) {
      throw new CodecException(
          "Cannot encode a " + type.getName() + " as JSON: the codec's declared type is "
              + declaredType.getName());
    }
    if (typeIds && !allowList.allows(type)) {
      throw new CodecException(
          "Cannot encode a " + type.getName() + " as JSON for values of " + declaredType.getName()
              + ": its type id would be refused when read back, as " + type.getName()
              + " is not in the allow-list (add it, or its package, to the AllowList)");
    }
    if (value instanceof String text) {
      byte[] quoted = plainAsciiJson(text);
      if (quoted != null) {
        return quoted;
      }
    }
    try {
      return writer.writeValueAsBytes(value);
    } catch (IOException | RuntimeException e) {
      throw new CodecException(
          "Cannot encode a " + type.getName() + " as JSON: " + JsonFailures.describeWrite(e), e);
    }
  }

  @Override
  public T decode(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    if (declaredType == String.class && isPlainAsciiJsonString(bytes)) {
      return declaredType.cast(new String(bytes, 1, bytes.length - 2, java.nio.charset.StandardCharsets.US_ASCII));
    }
    Object value;
    try {
      value = reader.readValue(bytes);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new CodecException(
          "Cannot decode a " + declaredType.getName() + " from JSON (" + bytes.length + " bytes): "
              + JsonFailures.describeRead(e),
          e);
    }
    if (value == null) {
      throw new CodecException(
          "Cannot decode a " + declaredType.getName() + " from JSON: the JSON is null, and caches hold no"
              + " nulls");
    }
    if (!declaredType.isInstance(value)) {
      throw new CodecException(
          "Cannot decode a " + declaredType.getName() + " from JSON: it holds a " + value.getClass().getName());
    }
    return declaredType.cast(value);
  }

  @Override
  public String toString() {
    return "JsonCodec[declaredType=" + declaredType.getName() + ", typeIds=" + typeIds + ", allowList="
        + allowList + "]";
  }

  /**
   * Returns whether values of the declared type need a type id: {@code Object} and every interface or
   * abstract class except the collection and map interfaces, which Jackson builds on its own.
   */
  static boolean needsTypeIds(Class<?> declaredType) {
    if (declaredType == Object.class) {
      return true;
    }
    if (declaredType.isArray()
        || declaredType.isPrimitive()
        || !Modifier.isAbstract(declaredType.getModifiers())) {
      return false;
    }
    return !Collection.class.isAssignableFrom(declaredType) && !Map.class.isAssignableFrom(declaredType);
  }

  private static ObjectMapper mapper(AllowList allowList, @Nullable ClassLoader loader, boolean typeIds) {
    PolymorphicTypeValidator validator = new AllowListTypeValidator(allowList, loader);
    JsonMapper.Builder builder =
        JsonMapper.builder()
            .typeFactory(new AllowListTypeFactory(allowList, loader))
            .polymorphicTypeValidator(validator)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
            // keep the zone a ZonedDateTime was written with, so that it reads back equal
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            // exceptions must never quote the input
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
    if (typeIds) {
      builder.activateDefaultTypingAsProperty(validator, ObjectMapper.DefaultTyping.NON_FINAL, TYPE_PROPERTY);
    }
    return builder.build();
  }

  /** Builds a {@link JsonCodec}; each method validates its argument. */
  public static final class Builder<T> {

    private final Class<T> declaredType;
    private AllowList allowList = AllowList.jdkDefaults();
    private @Nullable ClassLoader classLoader;

    private Builder(Class<T> declaredType) {
      this.declaredType = Primitives.box(requireNonNull(declaredType, "declaredType"));
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      this.classLoader = context != null ? context : JsonCodec.class.getClassLoader();
    }

    /** Sets the classes type ids may name; {@link AllowList#jdkDefaults()} unless set. */
    public Builder<T> allowList(AllowList allowList) {
      this.allowList = requireNonNull(allowList, "allowList");
      return this;
    }

    /**
     * Sets the loader that resolves the classes type ids name (the cache's class loader); the thread's
     * context class loader at builder creation unless set.
     */
    public Builder<T> classLoader(ClassLoader classLoader) {
      this.classLoader = requireNonNull(classLoader, "classLoader");
      return this;
    }

    /** Returns the codec. */
    public JsonCodec<T> build() {
      return new JsonCodec<>(this);
    }
  }
}
