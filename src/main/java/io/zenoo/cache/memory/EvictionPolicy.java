package io.zenoo.cache.memory;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Which entry a full {@link MemoryStore} gives up: a small recency window in front of a main space that
 * admits an entry only if it is likely to be used more than the one it would displace.
 *
 * <p><b>Queues.</b> A new entry joins the <em>window</em> (about 1 % of the bound to start with; {@link
 * WindowTuner} moves it). An entry pushed out of the window is a <em>candidate</em> for the main space:
 * while the store is not full it simply enters main's <em>probation</em> queue; once full, it is compared
 * with main's <em>victim</em> (the head of probation) by their estimated use counts in the {@link
 * FrequencySketch}, and the one less likely to be used again is evicted. An entry used while in probation is
 * promoted to the <em>protected</em> queue (up to 80 % of main); protected overflow is demoted to probation.
 *
 * <p><b>Off the hot path.</b> A read records a use on the entry itself ({@link Node#recordAccess}); nothing
 * else. The uses are taken into the sketch, and act as the second chance of the CLOCK algorithm in each
 * queue, when the policy next looks at the entry: when it reaches the head of its queue, or is compared. So
 * the queues are CLOCK approximations of LRU: an entry used since the policy last passed it goes to the back
 * of its queue (window) or is promoted (probation, protected's head stays protected) instead of leaving it.
 *
 * <p><b>Ties and flooding.</b> A candidate is admitted only if its estimate is strictly higher than the
 * victim's, so a one-time key never displaces anything (a scan or a loop larger than the cache cannot flush
 * the main space). Against keys crafted to inflate the victim's estimate, a candidate with a warm estimate
 * (at least {@value #WARM}) is also admitted at random, once in 128 comparisons, from a per-store seed.
 *
 * <p>Not thread safe: every method runs under the store's eviction lock.
 */
final class EvictionPolicy<K, V> {

  static final byte WINDOW = 0;
  static final byte PROBATION = 1;
  static final byte PROTECTED = 2;

  /** A candidate at least this warm may win against a hotter victim by chance (hash-flooding defence). */
  static final int WARM = 6;

  /** The sketch starts sized for this many entries and grows with the store, up to the bound. */
  static final long INITIAL_SKETCH = 1024;

  private final AccessOrder<K, V> window = new AccessOrder<>();
  private final AccessOrder<K, V> probation = new AccessOrder<>();
  private final AccessOrder<K, V> protectedQueue = new AccessOrder<>();
  private FrequencySketch sketch;
  private final WindowTuner tuner;
  private final long maxSize;
  private final long seed;
  private long random;
  /** Second chances left in the current maintenance; bounds the work readers can cause. */
  private long chances;

  EvictionPolicy(long maxSize, long seed, WindowTuner tuner) {
    this.maxSize = maxSize;
    this.seed = seed;
    this.sketch = new FrequencySketch(Math.min(maxSize, INITIAL_SKETCH), seed);
    this.tuner = tuner;
    this.random = seed == 0 ? 0x9E37_79B9_7F4A_7C15L : seed;
  }

  /** Links a node that has just been added to the map. */
  void onInsert(Node<K, V> node) {
    if (sketch.entries() < maxSize && size() >= sketch.entries()) {
      // the store has outgrown the sketch: a larger one, its counts start afresh (only while filling)
      sketch = new FrequencySketch(Math.min(maxSize, 2 * sketch.entries()), seed);
    }
    tuner.missed(sketch.hash(node.key));
    node.queue = WINDOW;
    window.moveToTail(node);
  }

  /** Unlinks a node that has left the map. */
  void onRemove(Node<K, V> node) {
    queue(node).unlink(node);
  }

  void clear() {
    window.clear();
    probation.clear();
    protectedQueue.clear();
  }

  /** Returns the number of linked nodes. */
  long size() {
    return window.size() + probation.size() + protectedQueue.size();
  }

  FrequencySketch sketch() {
    return sketch;
  }

  /**
   * Moves window overflow into main and evicts until {@code size} is at most the bound. Each victim is
   * unlinked before it is handed to {@code evict}, which removes it from the map (a no-op if it has left
   * it meanwhile).
   */
  void maintain(LongSupplier size, Consumer<Node<K, V>> evict) {
    tuner.adjust(this);
    chances = size() + 1;
    while (true) {
      boolean full = size.getAsLong() > maxSize;
      if (window.size() > tuner.windowMax()) {
        Node<K, V> candidate = windowCandidate();
        if (!full) {
          toProbation(candidate);
          continue;
        }
        tuner.filled();
        Node<K, V> victim = mainVictim();
        if (victim == null || admit(candidate, victim)) {
          toProbation(candidate);
          if (victim != null) {
            evict(victim, evict);
          }
        } else {
          evict.accept(candidate);
        }
        continue;
      }
      if (!full) {
        return;
      }
      Node<K, V> victim = mainVictim();
      if (victim == null) {
        victim = window.head();
      }
      if (victim == null) {
        return; // inserts not linked yet: their own maintenance evicts
      }
      evict(victim, evict);
    }
  }

  /** Halves the sketch's counters (the tuner asks when the traffic has shifted or a period has passed). */
  void age() {
    sketch.halve();
  }

  /** Moves protected overflow to probation after the protected share shrank. */
  void demoteOverflow() {
    while (protectedQueue.size() > tuner.protectedMax()) {
      Node<K, V> head = protectedQueue.head();
      if (head == null) {
        return;
      }
      if (takeUses(head) && chances-- > 0) {
        protectedQueue.moveToTail(head);
        continue;
      }
      protectedQueue.unlink(head);
      toProbation(head);
    }
  }

  /** Unlinks the window's least recently used entry, giving used entries a second chance. */
  private Node<K, V> windowCandidate() {
    while (true) {
      Node<K, V> head = window.head();
      // window.size() > 0 here
      if (takeUses(head) && chances-- > 0 && window.size() > 1) {
        window.moveToTail(head);
        continue;
      }
      window.unlink(head);
      return head;
    }
  }

  /** Returns main's eviction victim, still linked, promoting used probation entries on the way; or null. */
  private @Nullable Node<K, V> mainVictim() {
    while (true) {
      Node<K, V> head = probation.head();
      if (head == null) {
        head = protectedQueue.head();
        if (head != null && takeUses(head) && chances-- > 0) {
          protectedQueue.moveToTail(head);
          continue;
        }
        return head;
      }
      if (takeUses(head) && chances-- > 0) {
        probation.unlink(head);
        head.queue = PROTECTED;
        protectedQueue.moveToTail(head);
        demoteOverflow();
        continue;
      }
      return head;
    }
  }

  private boolean admit(Node<K, V> candidate, Node<K, V> victim) {
    takeUses(victim);
    int candidateCount = sketch.frequency(candidate.key);
    int victimCount = sketch.frequency(victim.key);
    if (candidateCount > victimCount) {
      return true;
    }
    if (candidateCount < WARM) {
      return false;
    }
    random ^= random << 13;
    random ^= random >>> 7;
    random ^= random << 17;
    return (random & 127) == 0;
  }

  private void evict(Node<K, V> victim, Consumer<Node<K, V>> evict) {
    queue(victim).unlink(victim);
    evict.accept(victim);
  }

  private void toProbation(Node<K, V> node) {
    node.queue = PROBATION;
    probation.moveToTail(node);
  }

  /** Moves the node's recorded uses into the sketch; returns whether it was used since the last look. */
  private boolean takeUses(Node<K, V> node) {
    int uses = node.takeAccesses();
    if (uses == 0) {
      return false;
    }
    sketch.increment(node.key, uses);
    return true;
  }

  private AccessOrder<K, V> queue(Node<K, V> node) {
    return switch (node.queue) {
      case WINDOW -> window;
      case PROBATION -> probation;
      default -> protectedQueue;
    };
  }
}
