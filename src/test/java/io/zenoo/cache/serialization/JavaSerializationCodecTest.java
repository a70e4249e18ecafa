package io.zenoo.cache.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.serialization.acme.Color;
import io.zenoo.cache.serialization.acme.Customer;
import io.zenoo.cache.serialization.acme.Dog;
import io.zenoo.cache.serialization.acme.Person;
import io.zenoo.cache.serialization.acme.Shape;
import io.zenoo.cache.serialization.gadgets.GadgetFlags;
import io.zenoo.cache.serialization.gadgets.SerializableGadget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JavaSerializationCodecTest {

  private static final ClassLoader LOADER = JavaSerializationCodecTest.class.getClassLoader();
  private static final AllowList ACME = AllowList.builder().allowPackage("io.zenoo.cache.serialization.acme").build();

  @BeforeEach
  void resetFlags() {
    GadgetFlags.reset();
  }

  /** Serializes with a plain ObjectOutputStream, as an attacker writing to the store would. */
  private static byte[] serialize(@Nullable Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Stream<Object> jdkValues() {
    Map<Color, Integer> enumMap = new EnumMap<>(Color.class);
    enumMap.put(Color.RED, 1);
    TreeMap<String, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.put("a", 1);
    TreeSet<String> caseless = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    caseless.add("A");
    return Stream.of(
        "hello",
        42,
        42L,
        'c',
        2.5f,
        new BigDecimal("12.50"),
        BigInteger.TEN.pow(40),
        new UUID(1, 2),
        URI.create("https://example.com/a?b=c"),
        new Date(0),
        Instant.parse("2024-05-01T10:15:30Z"),
        LocalDate.of(2024, 5, 1),
        Duration.ofMinutes(90),
        ZonedDateTime.of(2024, 5, 1, 12, 15, 30, 0, ZoneId.of("Europe/Paris")),
        ZoneId.of("Europe/Paris"),
        List.of(1, 2, 3),
        Set.of("x", "y"),
        Map.of("k", 1L),
        new ArrayList<>(List.of("a")),
        new LinkedList<>(List.of("a")),
        new HashMap<>(Map.of("a", List.of(1))),
        new LinkedHashSet<>(List.of(3, 1, 2)),
        reversed,
        caseless,
        EnumSet.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY),
        Collections.unmodifiableList(new ArrayList<>(List.of(1))),
        Collections.emptyMap(),
        Collections.singletonList("one"),
        Arrays.asList(1, 2),
        new ConcurrentHashMap<>(Map.of("a", 1)),
        new CopyOnWriteArrayList<>(List.of(1)));
  }

  @ParameterizedTest
  @MethodSource("jdkValues")
  void decode_jdkValueInObjectCache_roundTripsWithDefaults(Object value) {
    Codec<Object> codec = Codecs.java(Object.class, AllowList.jdkDefaults(), LOADER);

    Object back = codec.decode(codec.encode(value));

    assertThat(back).isEqualTo(value);
  }

  @Test
  void decode_arraysOfAllowedTypes_roundTrip() {
    Codec<Object> codec = Codecs.java(Object.class, AllowList.jdkDefaults(), LOADER);

    assertThat((int[]) codec.decode(codec.encode(new int[] {1, 2}))).containsExactly(1, 2);
    String[][] strings = {{"a"}, {"b"}};
    assertThat((String[][]) codec.decode(codec.encode(strings))).isDeepEqualTo(strings);
    assertThat((byte[]) codec.decode(codec.encode(new byte[] {1, 2, 3}))).containsExactly(1, 2, 3);
  }

  @Test
  void decode_declaredType_isAllowedWithoutRegistration() {
    Codec<Person> codec = Codecs.java(Person.class, AllowList.jdkDefaults(), LOADER);

    assertThat(codec.decode(codec.encode(Person.ada()))).isEqualTo(Person.ada());
  }

  @Test
  void decode_declaredSubclass_admitsItsSerializableSuperclass() {
    Codec<Dog> codec = Codecs.java(Dog.class, AllowList.jdkDefaults(), LOADER);

    assertThat(codec.decode(codec.encode(new Dog("Rex", "collie")))).isEqualTo(new Dog("Rex", "collie"));
  }

  @Test
  void decode_userPackageRegistered_roundTripsNestedBeansAndEnums() {
    Codec<Object> codec = Codecs.java(Object.class, ACME, LOADER);
    Map<String, Object> graph = new HashMap<>();
    graph.put("customer", Customer.sample());
    graph.put("shape", new Shape.Circle(2));
    graph.put("green", Color.GREEN);

    assertThat(codec.decode(codec.encode(graph))).isEqualTo(graph);
  }

  @Test
  void decode_userClassNotRegistered_refusedNamingTheClass() {
    Codec<Object> codec = Codecs.java(Object.class, AllowList.jdkDefaults(), LOADER);

    assertThatThrownBy(() -> codec.decode(serialize(List.of(Person.ada()))))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("refused")
        .hasMessageContaining("class io.zenoo.cache.serialization.acme.Person is not in the allow-list");
  }

  @Test
  void decode_sameBytesOncePackageRegistered_succeeds() {
    byte[] bytes = serialize(List.of(Person.ada()));

    Object back = Codecs.java(Object.class, ACME, LOADER).decode(bytes);

    assertThat(back).isEqualTo(List.of(Person.ada()));
  }

  @Test
  void decode_gadgetOutsideAllowList_refusedBeforeLoadingOrReadObject() {
    RecordingClassLoader loader = new RecordingClassLoader();
    Codec<Object> codec = JavaSerializationCodec.builder(Object.class).allowList(ACME).classLoader(loader).build();
    byte[] bytes = serialize(new SerializableGadget("rm -rf /"));

    assertThatThrownBy(() -> codec.decode(bytes))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("class " + SerializableGadget.class.getName() + " is not in the allow-list");
    assertThat(GadgetFlags.readObjectRan).as("readObject ran").isFalse();
    assertThat(loader.requested()).doesNotContain(SerializableGadget.class.getName());
  }

  @Test
  void decode_gadgetNestedInAllowedCollections_refused() {
    Codec<Object> codec = Codecs.java(Object.class, ACME, LOADER);
    Map<String, Object> map = new HashMap<>();
    map.put("list", new ArrayList<>(List.of("a", new SerializableGadget("x"))));

    assertThatThrownBy(() -> codec.decode(serialize(map)))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining(SerializableGadget.class.getName());
    assertThat(GadgetFlags.readObjectRan).isFalse();
  }

  @Test
  void decode_gadgetForAnotherDeclaredType_refusedBeforeTheTypeCheck() {
    Codec<Person> codec = Codecs.java(Person.class, AllowList.jdkDefaults(), LOADER);

    assertThatThrownBy(() -> codec.decode(serialize(new SerializableGadget("x"))))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining(SerializableGadget.class.getName());
    assertThat(GadgetFlags.readObjectRan).isFalse();
  }

  @Test
  void decode_dynamicProxy_refused() {
    Object proxy =
        Proxy.newProxyInstance(LOADER, new Class<?>[] {Runnable.class, Serializable.class}, new Handler());
    Codec<Object> codec = Codecs.java(Object.class, ACME, LOADER);

    assertThatThrownBy(() -> codec.decode(serialize(proxy)))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("dynamic proxy");
  }

  @Test
  void encode_classOutsideAllowList_refusedAtOnce() {
    Codec<Object> codec = Codecs.java(Object.class, AllowList.jdkDefaults(), LOADER);

    assertThatThrownBy(() -> codec.encode(new ArrayList<>(List.of(Customer.sample()))))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("Cannot encode a java.util.ArrayList")
        .hasMessageContaining(Customer.class.getName() + " is not in the allow-list")
        .hasMessageContaining("could not be read back");
  }

  @Test
  void encode_notSerializable_throwsNamingTheClass() {
    Codec<Object> codec = Codecs.java(Object.class, ACME, LOADER);

    assertThatThrownBy(() -> codec.encode(new ArrayList<>(List.of(new Plain()))))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("Cannot encode a java.util.ArrayList")
        .hasMessageContaining(Plain.class.getName() + " is not Serializable");
  }

  @Test
  void decode_nestingBeyondMaxDepth_refused() {
    Codec<Object> codec = JavaSerializationCodec.builder(Object.class).maxDepth(5).build();
    Object nested = "leaf";
    for (int i = 0; i < 10; i++) {
      nested = new ArrayList<>(List.of(nested));
    }
    byte[] bytes = serialize(nested);

    assertThatThrownBy(() -> codec.decode(bytes))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("nested deeper than the limit of 5");
  }

  @Test
  void decode_arrayBeyondMaxArrayLength_refused() {
    Codec<Object> codec = JavaSerializationCodec.builder(Object.class).maxArrayLength(10).build();

    assertThatThrownBy(() -> codec.decode(serialize(new int[100])))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("an array of 100 elements exceeds the limit of 10");
    assertThatThrownBy(() -> codec.decode(serialize(new ArrayList<>(Collections.nCopies(100, "x")))))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("exceeds the limit of 10");
  }

  @Test
  void decode_moreReferencesThanMax_refused() {
    Codec<Object> codec = JavaSerializationCodec.builder(Object.class).maxReferences(20).build();
    List<int[]> arrays = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      arrays.add(new int[] {i});
    }

    assertThatThrownBy(() -> codec.decode(serialize(arrays)))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("more than the limit of 20 objects");
  }

  @Test
  void decodeAndEncode_beyondMaxBytes_refused() {
    Codec<Object> codec = JavaSerializationCodec.builder(Object.class).maxBytes(100).build();
    String big = "x".repeat(500);

    assertThatThrownBy(() -> codec.decode(serialize(big)))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("longer than the limit of 100 bytes");
    assertThatThrownBy(() -> codec.encode(big))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("exceed the decode limit of 100");
  }

  @Test
  void decode_randomBytes_throwsCodecException() {
    Codec<Object> codec = Codecs.java(Object.class, AllowList.jdkDefaults(), LOADER);
    Random random = new Random(7);
    for (int length : new int[] {0, 1, 4, 64, 1000}) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);

      assertThatThrownBy(() -> codec.decode(bytes))
          .as("%d random bytes", length)
          .isExactlyInstanceOf(CodecException.class)
          .hasMessageContaining("not a Java serialization stream");
    }
  }

  @Test
  void decode_corruptOrTruncatedStream_throwsCodecException() {
    Codec<Object> codec = Codecs.java(Object.class, AllowList.jdkDefaults(), LOADER);
    byte[] valid = serialize(new ArrayList<>(List.of("a", "b", Instant.EPOCH)));
    Random random = new Random(11);

    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(valid, valid.length - 5)))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
    for (int i = 0; i < 50; i++) {
      byte[] corrupt = valid.clone();
      for (int j = 4; j < corrupt.length; j++) {
        corrupt[j] = (byte) random.nextInt();
      }
      try {
        codec.decode(corrupt);
      } catch (RuntimeException e) {
        assertThat(e)
            .isExactlyInstanceOf(CodecException.class)
            .hasMessageContaining("Cannot decode a java.lang.Object");
      }
    }
  }

  @Test
  void decode_otherTypeOrNull_throwsNamingTheTypes() {
    Codec<Person> codec = Codecs.java(Person.class, AllowList.jdkDefaults(), LOADER);

    assertThatThrownBy(() -> codec.decode(serialize("a string")))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("Cannot decode a " + Person.class.getName())
        .hasMessageContaining("holds a java.lang.String");
    assertThatThrownBy(() -> codec.decode(serialize(null)))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("holds null");
  }

  @Test
  void builder_nonPositiveLimit_throwsWithTheValue() {
    assertThatThrownBy(() -> JavaSerializationCodec.builder(Object.class).maxDepth(0))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDepth must be > 0, but was 0");
    assertThatThrownBy(() -> JavaSerializationCodec.builder(Object.class).maxBytes(-1))
        .hasMessage("maxBytes must be > 0, but was -1");
  }

  @Test
  void limits_defaults_areDocumentedConstants() {
    JavaSerializationCodec<Object> codec = JavaSerializationCodec.builder(Object.class).build();

    assertThat(codec.limits())
        .isEqualTo(
            new JavaSerializationCodec.Limits(
                JavaSerializationCodec.DEFAULT_MAX_BYTES,
                JavaSerializationCodec.DEFAULT_MAX_DEPTH,
                JavaSerializationCodec.DEFAULT_MAX_REFERENCES,
                JavaSerializationCodec.DEFAULT_MAX_ARRAY_LENGTH));
    assertThat(codec.toString()).contains("declaredType=java.lang.Object", "maxDepth=100");
  }

  /** Not Serializable. */
  static final class Plain {}

  /** A serializable invocation handler, so that the proxy itself can be written. */
  static final class Handler implements InvocationHandler, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) {
      return null;
    }
  }
}
