package io.zenoo.cache.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.zenoo.cache.store.StoreEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admission decision, driven directly: a map stands for the store, the policy decides what leaves it. */
class EvictionPolicyTest {

  private static final int MAX = 10;

  private final Map<String, Node<String, String>> resident = new LinkedHashMap<>();
  private final List<String> evicted = new ArrayList<>();
  private final EvictionPolicy<String, String> policy =
      new EvictionPolicy<>(MAX, 42, new WindowTuner(MAX, new RequestCounts()));

  private void insert(String key) {
    Node<String, String> node = new Node<>(key, "v", StoreEntry.NEVER, 1);
    resident.put(key, node);
    policy.onInsert(node);
    policy.maintain(resident::size, victim -> {
      resident.remove(victim.key);
      evicted.add(victim.key);
    });
  }

  /** Fills the store with keys whose estimates are at the maximum, as an attacker flooding the sketch would. */
  private void fillWithInflatedKeys() {
    for (int i = 0; i < MAX; i++) {
      insert("hot" + i);
      policy.sketch().increment("hot" + i, FrequencySketch.MAX_COUNT);
    }
  }

  @Test
  void candidate_withTheSameCountAsTheVictim_isNotAdmitted() {
    for (int i = 0; i < MAX; i++) {
      insert("k" + i); // k0..k8 in main's probation queue, k9 in the one-entry window
    }
    insert("new"); // pushes k9 out of the window: k9 (asked once) against main's victim k0 (asked once)

    assertThat(evicted).containsExactly("k9");
    assertThat(resident).containsKeys("k0", "new");
  }

  @Test
  void candidate_askedMoreThanTheVictim_displacesIt() {
    for (int i = 0; i < MAX; i++) {
      insert("k" + i);
    }
    policy.sketch().increment("k9", 2);
    insert("new");

    assertThat(evicted).containsExactly("k0");
    assertThat(resident).containsKeys("k9", "new");
  }

  /**
   * Hash flooding: keys crafted to collide with a victim's counters make it look hot forever. A warm candidate
   * (asked at least {@value EvictionPolicy#WARM} times) still gets in, by chance, about once in 128 tries.
   */
  @Test
  void warmCandidate_getsInAgainstInflatedVictims_byChance() {
    fillWithInflatedKeys();
    policy.sketch().increment("warm", EvictionPolicy.WARM);
    int attempts = 0;
    while (!resident.containsKey("warm") && attempts < 2_000) {
      attempts++;
      insert("warm");
      insert("filler" + attempts); // pushes warm out of the window: compared with an inflated victim
    }
    assertThat(resident).containsKey("warm");
    assertThat(attempts).isGreaterThan(1).isLessThan(2_000);
  }

  @Test
  void sketch_growsWithTheStore_notWithTheBound() {
    long bound = 1_000_000_000L;
    EvictionPolicy<String, String> large =
        new EvictionPolicy<>(bound, 42, new WindowTuner(bound, new RequestCounts()));
    assertThat(large.sketch().bytes()).isLessThanOrEqualTo(8 * EvictionPolicy.INITIAL_SKETCH);
    for (int i = 0; i < 5_000; i++) {
      large.onInsert(new Node<>("k" + i, "v", StoreEntry.NEVER, 1));
    }
    assertThat(large.sketch().entries()).isGreaterThanOrEqualTo(5_000);
    assertThat(large.sketch().bytes()).isLessThanOrEqualTo(8 * large.sketch().entries());
  }
}
