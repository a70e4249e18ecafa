package io.zenoo.cache.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.serialization.acme.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecsTest {

  private static final ClassLoader LOADER = CodecsTest.class.getClassLoader();

  @ParameterizedTest
  @ValueSource(strings = {"json", "JSON", " Json "})
  void forName_json_returnsJsonCodec(String name) {
    Codec<Person> codec = Codecs.forName(name, Person.class, AllowList.jdkDefaults(), LOADER);

    assertThat(codec).isInstanceOf(JsonCodec.class);
    assertThat(codec.decode(codec.encode(Person.ada()))).isEqualTo(Person.ada());
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", "JAVA", "pickle", "Pickle"})
  void forName_javaOrPickle_returnsJavaSerializationCodec(String name) {
    Codec<Person> codec = Codecs.forName(name, Person.class, AllowList.jdkDefaults(), LOADER);

    assertThat(codec).isInstanceOf(JavaSerializationCodec.class);
    assertThat(codec.decode(codec.encode(Person.ada()))).isEqualTo(Person.ada());
  }

  @Test
  void forName_unknownName_throwsListingTheValidNames() {
    assertThatThrownBy(() -> Codecs.forName("yaml", Object.class, AllowList.jdkDefaults(), LOADER))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown serializer 'yaml'")
        .hasMessageContaining("json, java, pickle")
        .hasMessageContaining(Codec.class.getName());
  }

  @Test
  void forName_customCodecClass_instantiatesIt() {
    Codec<String> codec =
        Codecs.forName(ReversingCodec.class.getName(), String.class, AllowList.jdkDefaults(), LOADER);

    assertThat(codec).isInstanceOf(ReversingCodec.class);
    assertThat(codec.decode(codec.encode("abc"))).isEqualTo("abc");
  }

  @Test
  void forName_classThatIsNoCodec_throwsSayingSo() {
    assertThatThrownBy(() -> Codecs.forName("java.lang.StringBuilder", Object.class, AllowList.jdkDefaults(), LOADER))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not implement " + Codec.class.getName())
        .hasMessageContaining("json, java, pickle");
  }

  @Test
  void forName_missingClassOrNoPublicConstructor_throwsSayingSo() {
    assertThatThrownBy(() -> Codecs.forName("com.acme.MissingCodec", Object.class, AllowList.jdkDefaults(), LOADER))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no class of that name can be loaded");
    assertThatThrownBy(() -> Codecs.forName(JsonCodec.class.getName(), Object.class, AllowList.jdkDefaults(), LOADER))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no public no-argument constructor");
  }

  @Test
  void jsonAndJava_factories_returnWorkingCodecs() {
    Codec<String> json = Codecs.json(String.class, AllowList.jdkDefaults());
    assertThat(json.decode(json.encode("x"))).isEqualTo("x");
    Codec<String> java = Codecs.java(String.class, AllowList.none(), LOADER);
    assertThat(java.decode(java.encode("x"))).isEqualTo("x");
  }
}
