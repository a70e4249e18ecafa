package io.zenoo.cache.serialization;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.serialization.acme.Color;
import io.zenoo.cache.serialization.acme.Customer;
import io.zenoo.cache.serialization.acme.Envelope;
import io.zenoo.cache.serialization.acme.Person;
import io.zenoo.cache.serialization.acme.Shape;
import io.zenoo.cache.serialization.acme.TypeHolder;
import io.zenoo.cache.serialization.gadgets.GadgetFlags;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {

  private static final String GADGETS = "io.zenoo.cache.serialization.gadgets.";
  private static final AllowList ACME = AllowList.builder().allowPackage("io.zenoo.cache.serialization.acme").build();

  @BeforeEach
  void resetFlags() {
    GadgetFlags.reset();
  }

  @SuppressWarnings("unchecked")
  private static <T> Codec<T> json(Class<?> declaredType, AllowList allowList) {
    return Codecs.json((Class<T>) declaredType, allowList);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(UTF_8);
  }

  /** Strings take a path without Jackson when they need no escaping; the bytes must be Jackson's either way. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "", "plain ascii 0123 ~!@#$%^&*()", "with \"quotes\"", "back\\slash", "tab\there", "new\nline",
      "caf\u00e9", "\u65e5\u672c", "emoji \ud83d\ude00", "del\u007f", "nul\u0000",
      "why?", "?", "\u0141?", "?\u0141", "latin \u00ff", "pair \ud83d\ude00?"})
  void strings_encodeToJacksonsBytes_andDecodeBack(String value) throws Exception {
    Codec<String> codec = json(String.class, AllowList.builder().build());
    byte[] jackson = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(value);

    assertThat(codec.encode(value)).isEqualTo(jackson);
    assertThat(codec.decode(jackson)).isEqualTo(value);
  }

  @Test
  void aStringValue_withBrokenJsonOrBytes_isAClearDecodeError_notAWrongString() {
    Codec<String> codec = json(String.class, AllowList.builder().build());

    assertThatThrownBy(() -> codec.decode(new byte[] {'"', (byte) 0xff, (byte) 0xfe, '"'}))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> codec.decode(bytes("\"unterminated"))).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> codec.decode(bytes("\"a\"b\""))).isInstanceOf(CodecException.class);
  }

  static Stream<Arguments> declaredValues() {
    return Stream.of(
        Arguments.of(String.class, "hello", "\"hello\""),
        Arguments.of(Integer.class, 42, "42"),
        Arguments.of(Long.class, 42L, "42"),
        Arguments.of(Double.class, 2.5, "2.5"),
        Arguments.of(Boolean.class, true, "true"),
        Arguments.of(BigDecimal.class, new BigDecimal("12.50"), "12.50"),
        Arguments.of(UUID.class, new UUID(1, 2), "\"00000000-0000-0001-0000-000000000002\""),
        Arguments.of(Instant.class, Instant.parse("2024-05-01T10:15:30Z"), "\"2024-05-01T10:15:30Z\""),
        Arguments.of(LocalDate.class, LocalDate.of(2024, 5, 1), "\"2024-05-01\""),
        Arguments.of(Duration.class, Duration.ofMinutes(90), "\"PT1H30M\""),
        Arguments.of(
            ZonedDateTime.class,
            ZonedDateTime.of(2024, 5, 1, 12, 15, 30, 0, ZoneId.of("Europe/Paris")),
            "\"2024-05-01T12:15:30+02:00[Europe/Paris]\""),
        Arguments.of(Color.class, Color.BLUE, "\"BLUE\""),
        Arguments.of(Color.class, Color.GREEN, "\"GREEN\""),
        Arguments.of(List.class, List.of("a", "b"), "[\"a\",\"b\"]"),
        Arguments.of(Set.class, Set.of("x"), "[\"x\"]"),
        Arguments.of(Map.class, Map.of("k", 1), "{\"k\":1}"),
        Arguments.of(
            Person.class,
            Person.ada(),
            "{\"name\":\"Ada\",\"born\":\"1815-12-10\",\"tags\":[\"math\",\"engines\"],"
                + "\"created\":\"2024-05-01T10:15:30Z\"}"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("declaredValues")
  void encode_declaredType_writesReadableJsonWithoutTypeIdAndRoundTrips(Class<?> type, Object value, String json) {
    Codec<Object> codec = json(type, AllowList.jdkDefaults());

    byte[] bytes = codec.encode(value);

    assertThat(text(bytes)).isEqualTo(json).doesNotContain(JsonCodec.TYPE_PROPERTY);
    assertThat(codec.decode(bytes)).isEqualTo(value);
  }

  @Test
  void encode_nestedBeans_roundTripWithoutTypeIds() {
    Codec<Customer> codec = Codecs.json(Customer.class, AllowList.jdkDefaults());

    byte[] bytes = codec.encode(Customer.sample());

    assertThat(text(bytes))
        .contains("\"address\":{\"street\":\"1 Main St\",\"city\":\"Paris\"}")
        .contains("\"favourite\":\"GREEN\"")
        .doesNotContain(JsonCodec.TYPE_PROPERTY);
    assertThat(codec.decode(bytes)).isEqualTo(Customer.sample());
  }

  @Test
  void encode_rawCollectionType_returnsJsonNaturalElements() {
    Codec<List<Object>> codec = json(List.class, AllowList.jdkDefaults());

    List<Object> back = codec.decode(codec.encode(List.of(Instant.parse("2024-05-01T10:15:30Z"), 7)));

    // a raw List says nothing of its elements: they come back as JSON's own types
    assertThat(back).containsExactly("2024-05-01T10:15:30Z", 7);
  }

  @Test
  void encode_objectTypedRecord_writesTypeIdAndRoundTrips() {
    Codec<Object> codec = Codecs.json(Object.class, ACME);

    byte[] bytes = codec.encode(Person.ada());

    assertThat(text(bytes)).startsWith("{\"@class\":\"io.zenoo.cache.serialization.acme.Person\",\"name\":\"Ada\"");
    assertThat(codec.decode(bytes)).isEqualTo(Person.ada());
  }

  @Test
  void encode_objectTypedValues_keepTheirExactClasses() {
    Codec<Object> codec = Codecs.json(Object.class, ACME);
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("count", 5L);
    map.put("when", Instant.parse("2024-05-01T10:15:30Z"));
    map.put("colors", EnumSet.of(Color.RED, Color.BLUE));
    map.put("customer", Customer.sample());
    map.put("ids", new ArrayList<>(List.of(new UUID(3, 4))));

    Object back = codec.decode(codec.encode(map));

    assertThat(back).isEqualTo(map);
    assertThat(((Map<?, ?>) back).get("count")).isInstanceOf(Long.class);
    assertThat(((Map<?, ?>) back).get("when")).isInstanceOf(Instant.class);
  }

  @Test
  void encode_objectTypedScalars_staysReadable() {
    Codec<Object> codec = Codecs.json(Object.class, AllowList.jdkDefaults());

    assertThat(text(codec.encode("hello"))).isEqualTo("\"hello\"");
    assertThat(text(codec.encode(42))).isEqualTo("42");
    assertThat(text(codec.encode(Instant.EPOCH))).isEqualTo("[\"java.time.Instant\",\"1970-01-01T00:00:00Z\"]");
    assertThat(codec.decode(codec.encode(42L))).isEqualTo(42L);
    assertThat(codec.decode(bytes("\"hello\""))).isEqualTo("hello");
  }

  @Test
  void encode_sealedInterfaceWithSubtypesAllowed_roundTripsEachImplementation() {
    Codec<Shape> codec = Codecs.json(Shape.class, AllowList.builder().allowSubtypesOf(Shape.class).build());

    byte[] circle = codec.encode(new Shape.Circle(1.5));

    assertThat(text(circle))
        .isEqualTo("{\"@class\":\"io.zenoo.cache.serialization.acme.Shape$Circle\",\"radius\":1.5}");
    assertThat(codec.decode(circle)).isEqualTo(new Shape.Circle(1.5));
    assertThat(codec.decode(codec.encode(new Shape.Square(2)))).isEqualTo(new Shape.Square(2));
  }

  @Test
  void writesTypeIds_byDeclaredType_onlyWhereTheJsonCannotSayTheClass() {
    assertThat(JsonCodec.builder(Object.class).build().writesTypeIds()).isTrue();
    assertThat(JsonCodec.builder(Shape.class).build().writesTypeIds()).isTrue();
    assertThat(JsonCodec.builder(Number.class).build().writesTypeIds()).isTrue();
    assertThat(JsonCodec.builder(List.class).build().writesTypeIds()).isFalse();
    assertThat(JsonCodec.builder(Map.class).build().writesTypeIds()).isFalse();
    assertThat(JsonCodec.builder(Person.class).build().writesTypeIds()).isFalse();
    assertThat(JsonCodec.builder(int.class).build().declaredType()).isEqualTo(Integer.class);
    assertThat(JsonCodec.builder(String[].class).build().writesTypeIds()).isFalse();
  }

  @Test
  void encode_objectTypedValueOutsideAllowList_throwsNamingTheClass() {
    Codec<Object> codec = Codecs.json(Object.class, AllowList.jdkDefaults());

    assertThatThrownBy(() -> codec.encode(Person.ada()))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("io.zenoo.cache.serialization.acme.Person")
        .hasMessageContaining("allow-list");
  }

  @Test
  void decode_objectTypeIdOutsideAllowList_throwsNamingTheClass() {
    Codec<Object> codec = Codecs.json(Object.class, AllowList.jdkDefaults());
    byte[] bytes = Codecs.json(Object.class, ACME).encode(Person.ada());

    assertThatThrownBy(() -> codec.decode(bytes))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("type id 'io.zenoo.cache.serialization.acme.Person' is refused");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[\"java.util.logging.FileHandler\",{\"pattern\":\"/tmp/owned\"}]",
        "{\"@class\":\"java.util.logging.FileHandler\",\"pattern\":\"/tmp/owned\"}",
        "[\"java.net.URL\",\"http://attacker.example/\"]",
        "{\"@class\":\"" + GADGETS + "BeanGadget\",\"command\":\"rm -rf /\"}",
        "{\"@class\":\"" + GADGETS + "StaticInitGadget\"}",
        "[\"[L" + GADGETS + "StaticInitGadget;\",[]]",
        "[\"java.util.ArrayList<" + GADGETS + "StaticInitGadget>\",[]]",
        "[\"java.util.EnumSet<" + GADGETS + "StaticInitGadget>\",[]]",
        "{\"@class\":\"java.util.HashMap\",\"k\":{\"@class\":\"" + GADGETS + "BeanGadget\",\"command\":\"x\"}}"
      })
  void decode_typeIdOutsideAllowList_refusedBeforeTheClassIsLoaded(String json) {
    RecordingClassLoader loader = new RecordingClassLoader();
    Codec<Object> codec = JsonCodec.builder(Object.class).allowList(ACME).classLoader(loader).build();

    assertThatThrownBy(() -> codec.decode(bytes(json)))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("refused");
    assertThat(GadgetFlags.anyRan()).as("gadget code ran").isFalse();
    assertThat(loader.requested()).noneMatch(name -> name.startsWith(GADGETS) || name.startsWith("java.util.logging"));
  }

  @Test
  void decode_objectTypedJsonWithoutTypeId_saysTheIdIsMissing() {
    Codec<Object> codec = Codecs.json(Object.class, AllowList.jdkDefaults());

    assertThatThrownBy(() -> codec.decode(bytes("{\"a\":1}")))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("type id is missing");
  }

  @Test
  void decode_jdkGadgetTypeId_messageNamesTheClass() {
    Codec<Object> codec = Codecs.json(Object.class, AllowList.jdkDefaults());

    assertThatThrownBy(() -> codec.decode(bytes("[\"java.util.logging.FileHandler\",{}]")))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("java.util.logging.FileHandler")
        .hasMessageContaining("allow-list");
  }

  @Test
  void decode_annotatedTypeIdOutsideAllowList_refusedBeforeConstruction() {
    Codec<Envelope> codec = Codecs.json(Envelope.class, ACME);
    assertThat(codec.decode(codec.encode(new Envelope(Person.ada())))).isEqualTo(new Envelope(Person.ada()));

    byte[] gadget = bytes("{\"payload\":{\"@class\":\"" + GADGETS + "BeanGadget\",\"command\":\"x\"}}");

    assertThatThrownBy(() -> codec.decode(gadget))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining(GADGETS + "BeanGadget");
    assertThat(GadgetFlags.anyRan()).isFalse();
  }

  @Test
  void decode_classPropertyOutsideAllowList_refusedWithoutInitializingIt() {
    Codec<TypeHolder> codec = Codecs.json(TypeHolder.class, AllowList.jdkDefaults());
    assertThat(codec.decode(codec.encode(new TypeHolder(Instant.class)))).isEqualTo(new TypeHolder(Instant.class));

    byte[] gadget = bytes("{\"type\":\"" + GADGETS + "StaticInitGadget\"}");

    assertThatThrownBy(() -> codec.decode(gadget)).isExactlyInstanceOf(CodecException.class);
    assertThat(GadgetFlags.staticInitializerRan).isFalse();
  }

  @Test
  void decode_randomBytes_throwsCodecException() {
    Random random = new Random(42);
    for (Class<?> type : List.of(Person.class, Object.class, String.class, Integer.class, List.class)) {
      Codec<Object> codec = json(type, ACME);
      for (int length : new int[] {0, 1, 7, 64, 1000}) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);

        assertThatThrownBy(() -> codec.decode(bytes))
            .as("%d random bytes as %s", length, type.getName())
            .isExactlyInstanceOf(CodecException.class)
            .hasMessageContaining("Cannot decode a " + type.getName() + " from JSON");
      }
    }
  }

  @Test
  void decode_truncatedJson_saysItIsTruncated() {
    Codec<Person> codec = Codecs.json(Person.class, AllowList.jdkDefaults());
    byte[] full = codec.encode(Person.ada());

    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(full, full.length / 2)))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("Cannot decode a " + Person.class.getName())
        .hasMessageContaining("truncated");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1,2,3]",
        "\"s3cr3t-token\"",
        "{\"name\":\"Ada\",\"born\":\"s3cr3t-token\"}",
        "{\"name\":\"Ada\",\"s3cr3t\":1}",
        "{\"name\":[\"s3cr3t-token\"]}",
        "{\"name\":\"Ada\"} \"s3cr3t-token\"",
        "null",
        ""
      })
  void decode_validJsonOfWrongShape_throwsWithoutQuotingTheData(String json) {
    Codec<Person> codec = Codecs.json(Person.class, AllowList.jdkDefaults());

    assertThatThrownBy(() -> codec.decode(bytes(json)))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("Cannot decode a " + Person.class.getName())
        .message()
        .doesNotContain("s3cr3t-token");
  }

  @Test
  void decode_wrongShape_messageSaysWhere() {
    Codec<Person> codec = Codecs.json(Person.class, AllowList.jdkDefaults());

    assertThatThrownBy(() -> codec.decode(bytes("{\"name\":\"Ada\",\"tags\":{\"a\":1}}")))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("does not have the shape of java.util.ArrayList")
        .hasMessageContaining("at $.tags");
    assertThatThrownBy(() -> codec.decode(bytes("{\"nickname\":\"A\"}")))
        .hasMessageContaining("unknown property 'nickname' for " + Person.class.getName());
    assertThatThrownBy(() -> Codecs.json(Integer.class, AllowList.jdkDefaults()).decode(bytes("\"forty\"")))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("Cannot decode a java.lang.Integer");
  }

  @Test
  void encode_beanJacksonCannotSerialize_throwsNamingTheClass() {
    Codec<Object> codec = json(Opaque.class, AllowList.jdkDefaults());

    assertThatThrownBy(() -> codec.encode(new Opaque()))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("Cannot encode a " + Opaque.class.getName() + " as JSON")
        .hasMessageContaining("serializer=java")
        .hasMessageContaining("getters");
  }

  @Test
  void encode_getterThrows_throwsCodecExceptionNamingTheClass() {
    Codec<Object> codec = json(Failing.class, AllowList.jdkDefaults());

    assertThatThrownBy(() -> codec.encode(new Failing()))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("Cannot encode a " + Failing.class.getName())
        .hasMessageContaining("at $.value");
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void encode_valueOfAnotherType_throwsNamingBothTypes() {
    Codec raw = Codecs.json(Person.class, AllowList.jdkDefaults());

    assertThatThrownBy(() -> raw.encode("not a person"))
        .isExactlyInstanceOf(CodecException.class)
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining(Person.class.getName());
  }

  @Test
  void toString_namesTypeAndAllowList() {
    assertThat(Codecs.json(Object.class, ACME).toString())
        .contains("declaredType=java.lang.Object", "typeIds=true", "io.zenoo.cache.serialization.acme.");
  }

  /** A class with no properties: Jackson refuses to serialize it. */
  static final class Opaque {
    @SuppressWarnings("unused")
    private final int hidden = 1;
  }

  /** A bean whose getter fails. */
  public static final class Failing {
    public String getValue() {
      throw new IllegalStateException("boom");
    }
  }
}
