package io.zenoo.cache.serialization;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OptionalDataException;
import java.io.OutputStream;
import java.io.StreamCorruptedException;

/**
 * The {@code java} codec (alias {@code pickle}): values as JDK serialization bytes, read back behind an
 * allow-list, for values JSON cannot represent (any {@code Serializable} graph, with cycles and exact
 * classes).
 *
 * <p><b>Safety.</b> Every class in a stream must be allowed before it is loaded: the declared type, what the
 * {@link AllowList} allows (by default the JDK value types and collections) and the serializable
 * superclasses of an allowed class (part of its serialized form). Anything else, dynamic proxies included,
 * is refused with a {@link CodecException} naming the class, before any of its code (static initializer,
 * constructor, {@code readObject}) runs. An {@link ObjectInputFilter} checks the loaded classes again
 * (including what {@code readResolve} returns) and enforces the {@link Limits}; a JVM-wide filter
 * ({@code jdk.serialFilter}) still applies, merged with ours. On encode, a graph holding a class that
 * could not be read back is refused at once, and so is a stream longer than the decode limit.
 *
 * <p>Immutable and safe for concurrent use. Classes are resolved with the configured class loader.
 *
 * @param <T> the declared type of the values
 */
public final class JavaSerializationCodec<T> implements Codec<T> {

  /** The default largest stream decoded: 16 MiB. */
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
  /** The default deepest nesting of objects in a stream. */
  public static final long DEFAULT_MAX_DEPTH = 100;
  /** The default largest number of objects and references in a stream. */
  public static final long DEFAULT_MAX_REFERENCES = 1_000_000;
  /** The default largest array (also the largest collection, whose capacity is checked as an array). */
  public static final long DEFAULT_MAX_ARRAY_LENGTH = 1_000_000;

  private final Class<T> declaredType;
  private final AllowList allowList;
  private final ClassLoader loader;
  private final Limits limits;

  private JavaSerializationCodec(Builder<T> builder) {
    this.declaredType = builder.declaredType;
    this.allowList =
        builder.allowList.allows(declaredType)
            ? builder.allowList
            : builder.allowList.toBuilder().allowClass(declaredType).build();
    this.loader = builder.classLoader;
    this.limits = new Limits(builder.maxBytes, builder.maxDepth, builder.maxReferences, builder.maxArrayLength);
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

  /** Returns the limits enforced on decode. */
  public Limits limits() {
    return limits;
  }

  @Override
  public byte[] encode(T value) {
    requireNonNull(value, "value");
    String type = value.getClass().getName();
    if (!declaredType.isInstance(value)) {
      throw new CodecException(
          "Cannot encode a " + type + " with Java serialization: the codec's declared type is "
              + declaredType.getName());
    }
    SerializationGate gate = new SerializationGate(allowList, loader, limits);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new GatedObjectOutputStream(bytes, gate)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new CodecException(
          "Cannot encode a " + type + " with Java serialization: " + e.getMessage() + " is not Serializable",
          e);
    } catch (IOException | RuntimeException e) {
      String refusal = gate.refusal();
      throw new CodecException(
          "Cannot encode a " + type + " with Java serialization: "
              + (refusal != null ? refusal + ", so it could not be read back" : "writing failed with " + e),
          e);
    }
    if (bytes.size() > limits.maxBytes()) {
      throw new CodecException(
          "Cannot encode a " + type + " with Java serialization: its " + bytes.size()
              + " bytes exceed the decode limit of " + limits.maxBytes());
    }
    return bytes.toByteArray();
  }

  /**
   * Returns true for the immutable JDK values (strings, boxed primitives, {@code BigInteger},
   * {@code BigDecimal}, {@code UUID}, {@code java.time} values) and enum constants: Java serialization gives
   * them back equal and of the same class, and a value that encoded passed the same gate decoding applies.
   * Not for {@code URL} (its {@code equals} resolves host names) or {@code Class}.
   */
  @Override
  public boolean decodesToEqual(Object value) {
    return ImmutableTypes.isImmutable(value) && !(value instanceof java.net.URL) && !(value instanceof Class<?>);
  }

  @Override
  public T decode(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    String prefix =
        "Cannot decode a " + declaredType.getName() + " from Java serialization (" + bytes.length + " bytes): ";
    if (bytes.length > limits.maxBytes()) {
      throw new CodecException(
          prefix + "the stream is longer than the limit of " + limits.maxBytes() + " bytes");
    }
    SerializationGate gate = new SerializationGate(allowList, loader, limits);
    ObjectInputStream in;
    try {
      in = new GatedObjectInputStream(new ByteArrayInputStream(bytes), gate, loader);
    } catch (IOException e) {
      throw new CodecException(prefix + "not a Java serialization stream (bad or missing header)", e);
    }
    Object value;
    try (in) {
      value = in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
      String refusal = gate.refusal();
      throw new CodecException(prefix + (refusal != null ? "refused: " + refusal : describe(e)), e);
    }
    if (value == null) {
      throw new CodecException(prefix + "the stream holds null, and caches hold no nulls");
    }
    if (!declaredType.isInstance(value)) {
      throw new CodecException(prefix + "the stream holds a " + value.getClass().getName());
    }
    return declaredType.cast(value);
  }

  private static String describe(Throwable e) {
    if (e instanceof InvalidClassException invalid) {
      return "the class does not match its stored form: " + invalid.getMessage();
    } else if (e instanceof ClassNotFoundException) {
      return "class " + e.getMessage() + " is not found by the codec's class loader";
    } else if (e instanceof EOFException
        || (e instanceof StreamCorruptedException && String.valueOf(e.getMessage()).contains("EOF"))) {
      return "the stream ends too early (truncated)";
    } else if (e instanceof StreamCorruptedException || e instanceof OptionalDataException) {
      return "the stream is corrupt";
    }
    return "reading failed with " + e.getClass().getName();
  }

  @Override
  public String toString() {
    return "JavaSerializationCodec[declaredType=" + declaredType.getName() + ", " + limits + ", allowList="
        + allowList + "]";
  }

  /**
   * The bounds of a stream the codec decodes; a stream beyond any of them is refused.
   *
   * @param maxBytes the longest stream, in bytes
   * @param maxDepth the deepest nesting of objects
   * @param maxReferences the most objects and back-references
   * @param maxArrayLength the longest array, and the largest collection capacity
   */
  public record Limits(long maxBytes, long maxDepth, long maxReferences, long maxArrayLength) {}

  /** Builds a {@link JavaSerializationCodec}; each method validates its argument. */
  public static final class Builder<T> {

    private final Class<T> declaredType;
    private AllowList allowList = AllowList.jdkDefaults();
    private ClassLoader classLoader;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private long maxDepth = DEFAULT_MAX_DEPTH;
    private long maxReferences = DEFAULT_MAX_REFERENCES;
    private long maxArrayLength = DEFAULT_MAX_ARRAY_LENGTH;

    private Builder(Class<T> declaredType) {
      this.declaredType = Primitives.box(requireNonNull(declaredType, "declaredType"));
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      this.classLoader = context != null ? context : JavaSerializationCodec.class.getClassLoader();
    }

    /**
     * Sets the classes a stream may hold besides the declared type; {@link AllowList#jdkDefaults()} unless
     * set.
     */
    public Builder<T> allowList(AllowList allowList) {
      this.allowList = requireNonNull(allowList, "allowList");
      return this;
    }

    /**
     * Sets the loader that resolves the classes of a stream (the cache's class loader); the thread's
     * context class loader at builder creation unless set.
     */
    public Builder<T> classLoader(ClassLoader classLoader) {
      this.classLoader = requireNonNull(classLoader, "classLoader");
      return this;
    }

    /** Sets the longest stream decoded, in bytes; {@link JavaSerializationCodec#DEFAULT_MAX_BYTES} unless set. */
    public Builder<T> maxBytes(long maxBytes) {
      this.maxBytes = positive("maxBytes", maxBytes);
      return this;
    }

    /** Sets the deepest nesting of objects; {@link JavaSerializationCodec#DEFAULT_MAX_DEPTH} unless set. */
    public Builder<T> maxDepth(long maxDepth) {
      this.maxDepth = positive("maxDepth", maxDepth);
      return this;
    }

    /**
     * Sets the most objects and back-references in a stream;
     * {@link JavaSerializationCodec#DEFAULT_MAX_REFERENCES} unless set.
     */
    public Builder<T> maxReferences(long maxReferences) {
      this.maxReferences = positive("maxReferences", maxReferences);
      return this;
    }

    /**
     * Sets the longest array (and largest collection);
     * {@link JavaSerializationCodec#DEFAULT_MAX_ARRAY_LENGTH} unless set.
     */
    public Builder<T> maxArrayLength(long maxArrayLength) {
      this.maxArrayLength = positive("maxArrayLength", maxArrayLength);
      return this;
    }

    /** Returns the codec. */
    public JavaSerializationCodec<T> build() {
      return new JavaSerializationCodec<>(this);
    }

    private static long positive(String name, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be > 0, but was " + value);
      }
      return value;
    }
  }

  /** Writes only classes the gate admits, so that what is written can be read back. */
  private static final class GatedObjectOutputStream extends ObjectOutputStream {

    private final SerializationGate gate;

    GatedObjectOutputStream(OutputStream out, SerializationGate gate) throws IOException {
      super(out);
      this.gate = gate;
    }

    @Override
    protected void annotateClass(Class<?> type) throws IOException {
      if (IOException.class.isAssignableFrom(type)) {
        // the stream's fatal error being written into it (see SerializationGate.discard)
        gate.discard();
      }
      if (!gate.admits(type)) {
        throw new InvalidClassException(type.getName(), gate.refuseClass(type.getName()));
      }
      gate.admitted(type);
    }

    @Override
    protected void annotateProxyClass(Class<?> type) throws IOException {
      throw new InvalidClassException(type.getName(), gate.refuse("dynamic proxies are never allowed"));
    }
  }

  /** Loads a class only after the gate admits its name, with the codec's class loader. */
  private static final class GatedObjectInputStream extends ObjectInputStream {

    private final SerializationGate gate;
    private final ClassLoader loader;

    GatedObjectInputStream(InputStream in, SerializationGate gate, ClassLoader loader) throws IOException {
      super(in);
      this.gate = gate;
      this.loader = loader;
      ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
      setObjectInputFilter(jvmWide == null ? gate : ObjectInputFilter.merge(gate, jvmWide));
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      String name = desc.getName();
      if (!gate.admitsName(name)) {
        throw new InvalidClassException(name, gate.refuseClass(name));
      }
      Class<?> primitive = Primitives.primitive(name);
      Class<?> type = primitive != null ? primitive : Class.forName(name, /* initialize= */ false, loader);
      gate.admitted(type);
      return type;
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
      throw new InvalidClassException(
          "proxy", gate.refuse("a dynamic proxy of " + String.join(", ", interfaces) + " is never allowed"));
    }
  }
}
