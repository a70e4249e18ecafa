package io.zenoo.cache.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zenoo.cache.serialization.acme.Color;
import io.zenoo.cache.serialization.acme.Person;
import io.zenoo.cache.serialization.gadgets.GadgetFlags;
import io.zenoo.cache.serialization.gadgets.Marker;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowListTest {

  private static final ClassLoader LOADER = AllowListTest.class.getClassLoader();

  @Test
  void jdkDefaults_valueTypesAndCollections_allowed() {
    AllowList list = AllowList.jdkDefaults();

    assertThat(list.allows(String.class)).isTrue();
    assertThat(list.allows(Instant.class)).isTrue();
    assertThat(list.allows(ChronoUnit.class)).isTrue();
    assertThat(list.allows(ArrayList.class)).isTrue();
    assertThat(list.allows(List.of(1, 2, 3).getClass())).isTrue();
    assertThat(list.allows(String[][].class)).isTrue();
    assertThat(list.allows(int[].class)).isTrue();
    assertThat(list.allows("[Ljava.lang.Long;", LOADER)).isTrue();
    assertThat(list.allows("[[J", LOADER)).isTrue();
    assertThat(list.allows("java.time.zone.ZoneRules", LOADER)).isTrue();
  }

  @Test
  void jdkDefaults_knownGadgetsAndUserClasses_refused() {
    AllowList list = AllowList.jdkDefaults();

    assertThat(list.allows(URL.class)).isFalse();
    assertThat(list.allows(PriorityQueue.class)).isFalse();
    assertThat(list.allows("java.util.logging.FileHandler", LOADER)).isFalse();
    assertThat(list.allows("javax.management.BadAttributeValueExpException", LOADER)).isFalse();
    assertThat(list.allows("[Ljava.net.URL;", LOADER)).isFalse();
    assertThat(list.allows(Person.class)).isFalse();
  }

  @Test
  void none_allowsOnlyPrimitives() {
    assertThat(AllowList.none().allows(String.class)).isFalse();
    assertThat(AllowList.none().allows(long[].class)).isTrue();
    assertThat(AllowList.none().includesJdkDefaults()).isFalse();
  }

  @Test
  void allowPackage_withOrWithoutDot_allowsPackageAndSubpackagesOnly() {
    AllowList list = AllowList.builder().allowPackage("com.acme").allowPackage("org.example.").build();

    assertThat(list.packages()).containsExactly("com.acme.", "org.example.");
    assertThat(list.allows("com.acme.Order", LOADER)).isTrue();
    assertThat(list.allows("com.acme.billing.Invoice$Line", LOADER)).isTrue();
    assertThat(list.allows("com.acmex.Order", LOADER)).isFalse();
    assertThat(list.allows("org.example.Thing", LOADER)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.util", "javax.management", "jdk.internal", "sun.misc", "com.sun.rowset", "java."})
  void allowPackage_jdkPackage_throwsSayingWhy(String name) {
    assertThatThrownBy(() -> AllowList.builder().allowPackage(name))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gadget");
  }

  @Test
  void allowPackage_invalidOrTooBroad_throwsWithTheName() {
    assertThatThrownBy(() -> AllowList.builder().allowPackage("com"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two segments");
    assertThatThrownBy(() -> AllowList.builder().allowPackage("com.acme widgets"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("packageName must be a package name such as com.acme, but was 'com.acme widgets'");
    assertThatThrownBy(() -> AllowList.builder().allowPackage(""))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allowClassName_invalid_throwsWithTheName() {
    assertThatThrownBy(() -> AllowList.builder().allowClassName("Order"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Order'");
    assertThatThrownBy(() -> AllowList.builder().allowClassName("com.acme.Or der"))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allowClass_exactClass_allowsItsArraysAndEnumBodiesButNoOtherClass() {
    AllowList list = AllowList.jdkDefaults().toBuilder().allowClass(Color.class).allowClass(Person[].class).build();

    assertThat(list.classNames()).containsExactly(Color.class.getName(), Person.class.getName());
    assertThat(list.allows(Color.GREEN.getClass())).isTrue();
    assertThat(list.allows(Person[].class)).isTrue();
    assertThat(list.allows(Person.class.getName(), LOADER)).isTrue();
    assertThat(list.allows("io.zenoo.cache.serialization.acme.Address", LOADER)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(classes = {Object.class, java.io.Serializable.class, Map.class, Comparable.class})
  void allowSubtypesOf_jdkType_throwsSayingWhy(Class<?> type) {
    assertThatThrownBy(() -> AllowList.builder().allowSubtypesOf(type))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(type.getName())
        .hasMessageContaining("gadgets");
  }

  @Test
  void allowSubtypesOf_nameOfSubtype_allowedWithoutInitializingTheClass() {
    GadgetFlags.reset();
    AllowList list = AllowList.none().toBuilder().allowSubtypesOf(Marker.class).build();

    assertThat(list.allows("io.zenoo.cache.serialization.gadgets.MarkedStaticInit", LOADER)).isTrue();
    assertThat(list.allows("io.zenoo.cache.serialization.gadgets.BeanGadget", LOADER)).isFalse();
    assertThat(list.allows("com.acme.Missing", LOADER)).isFalse();
    assertThat(GadgetFlags.staticInitializerRan).isFalse();
  }

  @Test
  void toString_listsEveryRule() {
    AllowList list =
        AllowList.builder().allowClass(Person.class).allowPackage("com.acme").allowSubtypesOf(Marker.class).build();

    assertThat(list.toString())
        .contains("classes=[io.zenoo.cache.serialization.acme.Person]")
        .contains("packages=[com.acme.]")
        .contains("subtypesOf=[io.zenoo.cache.serialization.gadgets.Marker]")
        .contains("java.util.UUID", "java.time.*");
    assertThat(AllowList.none().toString()).endsWith("jdkDefaults=none]");
  }

  @Test
  void toBuilder_copiesEveryRule_andBuildsAnEqualList() {
    AllowList list = AllowList.builder().allowClass(Person.class).allowPackage("com.acme").build();

    assertThat(list.toBuilder().build()).isEqualTo(list).hasSameHashCodeAs(list);
    assertThat(list.toBuilder().jdkDefaults(false).build()).isNotEqualTo(list);
  }
}
