package io.zenoo.cache.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrequencySketchTest {

  @ParameterizedTest
  @ValueSource(longs = {8, 1_000, 1_023, 1_024, 1_025, 100_000, 1_000_000})
  void memory_isAtMostEightBytesPerEntryOfTheBound(long maxSize) {
    assertThat(new FrequencySketch(maxSize, 7).bytes()).isLessThanOrEqualTo(8 * maxSize);
  }

  @Test
  void frequency_countsIncrementsUpToFifteen() {
    FrequencySketch sketch = new FrequencySketch(1_000, 7);
    assertThat(sketch.frequency("a")).isZero();
    sketch.increment("a", 1);
    sketch.increment("a", 2);
    assertThat(sketch.frequency("a")).isEqualTo(3);
    sketch.increment("a", 100);
    assertThat(sketch.frequency("a")).isEqualTo(FrequencySketch.MAX_COUNT);
  }

  @Test
  void halve_makesOldPopularityFade() {
    FrequencySketch sketch = new FrequencySketch(1_000, 7);
    sketch.increment("old", 15);
    sketch.increment("new", 3);
    sketch.halve();
    assertThat(sketch.frequency("old")).isEqualTo(7);
    assertThat(sketch.frequency("new")).isEqualTo(1);
    sketch.halve();
    sketch.halve();
    sketch.halve();
    assertThat(sketch.frequency("old")).isZero();
  }

  @Test
  void frequency_ofManyKeysInASketchOfTheirNumber_isMostlyExact() {
    int keys = 1_000;
    FrequencySketch sketch = new FrequencySketch(keys, 7);
    for (int i = 0; i < keys; i++) {
      sketch.increment("k" + i, 1 + i % 4);
    }
    int exact = 0;
    for (int i = 0; i < keys; i++) {
      int estimate = sketch.frequency("k" + i);
      assertThat(estimate).as("never below the true count").isGreaterThanOrEqualTo(1 + i % 4);
      if (estimate == 1 + i % 4) {
        exact++;
      }
    }
    assertThat(exact).isGreaterThan(keys * 9 / 10);
  }

  @Test
  void hash_dependsOnTheSeed_soCollisionsFoundForOneStoreDoNotCarryOver() {
    FrequencySketch one = new FrequencySketch(1_000, 1);
    FrequencySketch other = new FrequencySketch(1_000, 2);
    assertThat(one.hash("key")).isNotEqualTo(other.hash("key"));
  }
}
