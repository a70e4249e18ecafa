package io.zenoo.cache.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.serialization.acme.Person;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stored form of a byte-store cache's values: immutable values its codec decodes exactly are kept with
 * their bytes ({@link Encoded}) and handed back without decoding; everything else is bytes, decoded afresh.
 */
class CodecCopierTest {

  private static final ClassLoader LOADER = CodecCopierTest.class.getClassLoader();

  /** Values a codec may claim: whenever it does, decoding its bytes must give an equal value of its class. */
  private static final List<Object> SAMPLES = List.of(
      "plain", "caf\u00e9 \ud83d\ude00", "", "lone \ud800 surrogate", 42, -7L, (short) 3, (byte) 1, true, 'x', 1.5d, Double.NaN, 2.5f,
      new BigDecimal("1.50"), UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"), Instant.ofEpochSecond(1, 2),
      LocalDate.of(2026, 11, 24), ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("Europe/Paris")),
      TimeUnit.SECONDS, Person.ada());

  @Test
  void everyBuiltInCodec_claimsOnlyValuesThatDecodeToAnEqualValueOfTheSameClass() {
    int claimed = 0;
    for (Object value : SAMPLES) {
      for (Codec<Object> codec : codecsFor(value)) {
        if (codec.decodesToEqual(value)) {
          claimed++;
          Object back = codec.decode(codec.encode(value));
          assertThat(back).as("%s through %s", value, codec.getClass().getSimpleName()).isEqualTo(value);
          assertThat(back.getClass()).isEqualTo(value.getClass());
        }
      }
    }
    assertThat(claimed).as("values claimed by some codec").isGreaterThan(SAMPLES.size());
  }

  @Test
  void json_claimsBareScalarsOfTheDeclaredType_notDoublesNorBeans_andOnlyStringIntegerBooleanUnderObject() {
    assertThat(json(String.class).decodesToEqual("a")).isTrue();
    assertThat(json(Long.class).decodesToEqual(5L)).isTrue();
    assertThat(json(Double.class).decodesToEqual(Double.NaN)).isFalse(); // written as the string "NaN"
    assertThat(json(Person.class).decodesToEqual(Person.ada())).isFalse();
    assertThat(json(Object.class).decodesToEqual("a")).isTrue();
    assertThat(json(Object.class).decodesToEqual(5)).isTrue();
    assertThat(json(Object.class).decodesToEqual(5L)).isFalse(); // a bare 5 reads back as an Integer
    assertThat(json(CharSequence.class).decodesToEqual("a")).isFalse();
  }

  @Test
  void java_claimsImmutableJdkValuesAndEnums_notUrlsNorMutableObjects() throws Exception {
    Codec<Object> java = Codecs.java(Object.class, AllowList.jdkDefaults(), LOADER);

    assertThat(java.decodesToEqual(new BigDecimal("1.50"))).isTrue();
    assertThat(java.decodesToEqual(TimeUnit.SECONDS)).isTrue();
    assertThat(java.decodesToEqual(new URL("http://example.com/"))).isFalse();
    assertThat(java.decodesToEqual(new java.util.ArrayList<>(List.of(1)))).isFalse();
  }

  @Test
  void aCustomCodec_isNeverTakenAtItsWord_unlessItSaysSo() {
    assertThat(new ReversingCodec().decodesToEqual("abc")).isFalse();
    Copier copier = Copier.codec(new ReversingCodec());

    assertThat(copier.toStore("abc")).isInstanceOf(byte[].class);
  }

  @Test
  void aClaimedValue_isStoredWithItsBytes_andComesBackAsItselfWithoutDecoding() {
    Codec<String> codec = Codecs.json(String.class, AllowList.builder().build());
    Copier copier = Copier.codec(codec);
    String value = new String("hello"); // a distinct instance, to tell it from a decoded copy

    Object stored = copier.toStore(value);

    assertThat(stored).isInstanceOf(Encoded.class);
    assertThat(Encoded.bytes(stored)).isEqualTo(codec.encode(value));
    assertThat(copier.fromStore(stored)).isSameAs(value);
    assertThat(copier.fromStore(Encoded.bytes(stored))).isEqualTo(value).isNotSameAs(value);
  }

  @Test
  void aPlainJsonScalar_isEncodedOnlyWhenItsBytesAreNeeded_andWeighsItsBytesFromThen() {
    Copier copier = Copier.codec(Codecs.json(String.class, AllowList.builder().build()));
    Object stored = copier.toStore("x".repeat(100));
    long inMemoryOnly = copier.weigh(stored);

    byte[] bytes = Encoded.bytes(stored);

    assertThat(bytes).hasSize(102);
    assertThat(Encoded.bytes(stored)).isSameAs(bytes);
    assertThat(copier.weigh(stored)).isEqualTo(inMemoryOnly + 16 + 102);
  }

  @Test
  void aValueThatMayFailToEncode_isEncodedWhenStored_soThePutFails_notALaterWrite() {
    // an Object-typed JSON cache writes type ids, and this allow-list admits no String
    Copier json = Copier.codec(Codecs.json(Object.class, AllowList.builder().jdkDefaults(false).build()));
    assertThatThrownBy(() -> json.toStore("text")).isInstanceOf(CodecException.class)
        .hasMessageContaining("java.lang.String");

    // Java serialization encodes at once, within its size limit
    Copier java = Copier.codec(Codecs.java(String.class, AllowList.jdkDefaults(), LOADER));
    Object stored = java.toStore("text");
    assertThat(stored).isInstanceOf(Encoded.class);
    assertThat(((Encoded) stored).encodedLength()).isPositive();
  }

  @Test
  void anUnclaimedValue_isStoredAsBytes_andDecodedAfreshOnEveryRead() {
    Copier copier = Copier.codec(Codecs.json(Person.class, AllowList.builder().allowClass(Person.class).build()));

    Object stored = copier.toStore(Person.ada());

    assertThat(stored).isInstanceOf(byte[].class);
    assertThat(copier.fromStore(stored)).isEqualTo(Person.ada()).isNotSameAs(copier.fromStore(stored));
  }

  @Test
  void encodedBytes_refusesWhatIsNotAByteStoreValue() {
    assertThatThrownBy(() -> Encoded.bytes("text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
  }

  @SuppressWarnings("unchecked")
  private static <T> Codec<Object> json(Class<T> declaredType) {
    return (Codec<Object>) (Codec<?>) Codecs.json(declaredType, AllowList.jdkDefaults());
  }

  @SuppressWarnings("unchecked")
  private static List<Codec<Object>> codecsFor(Object value) {
    AllowList allow = AllowList.jdkDefaults().toBuilder().allowClass(value.getClass()).build();
    return List.of(
        (Codec<Object>) (Codec<?>) Codecs.json(value.getClass(), allow),
        (Codec<Object>) (Codec<?>) Codecs.json(Object.class, allow),
        (Codec<Object>) (Codec<?>) Codecs.java(value.getClass(), allow, LOADER),
        (Codec<Object>) (Codec<?>) Codecs.java(Object.class, allow, LOADER));
  }
}
