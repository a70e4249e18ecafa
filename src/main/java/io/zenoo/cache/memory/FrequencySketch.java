package io.zenoo.cache.memory;

/**
 * How often each key was asked for, estimated in a fixed amount of memory: a count-min sketch of 4-bit
 * counters (at most 15), four counters per key, halved on request so that old popularity fades.
 *
 * <p><b>Layout.</b> The table holds 16 counters per {@code long} and at most one {@code long} per entry it
 * is sized for (rounded down to a power of two, at least 8), so it costs at most 8 bytes per entry. The
 * policy sizes it for the entries the store holds, up to the bound, and replaces it by a larger one as the
 * store fills, so a large bound costs nothing until it is used. A key's four counters lie in one block of
 * 8 longs (64 bytes, one cache line): the low bits of its hash pick the block, the high bits pick a long
 * and a nibble in it for each of the four. The estimate is
 * the smallest of the four; an increment raises only the counters at that minimum (conservative update),
 * which keeps the estimates of colliding keys lower than plain count-min would.
 *
 * <p><b>Hash flooding.</b> The hash is mixed with a per-store random seed, so keys chosen to collide in one
 * store's table (to make their own estimates, or a victim's, high) do not collide in another's.
 *
 * <p>Not thread safe: {@link MemoryStore} uses it under its eviction lock only.
 */
final class FrequencySketch {

  /** The largest estimate. */
  static final int MAX_COUNT = 15;

  private static final long ODD_NIBBLES_CLEARED = 0x7777_7777_7777_7777L;
  private static final int MAX_LONGS = 1 << 24;

  private final long[] table;
  private final int blockMask;
  private final long seed;
  private final long entries;

  /** Creates a sketch for {@code entries} entries; {@code seed} mixes the hash. */
  FrequencySketch(long entries, long seed) {
    this.entries = entries;
    long longs = Math.max(8, Long.highestOneBit(Math.max(1, entries)));
    longs = Math.min(longs, MAX_LONGS);
    this.table = new long[(int) longs];
    this.blockMask = (int) (longs >>> 3) - 1;
    this.seed = seed;
  }

  /** Returns the estimated number of times the key was counted since the halvings, 0 to {@value #MAX_COUNT}. */
  int frequency(Object key) {
    long h = hash(key);
    int block = (int) (h & blockMask) << 3;
    int min = MAX_COUNT;
    for (int i = 0; i < 4; i++) {
      int slot = (int) (h >>> (32 + (i << 3)));
      min = Math.min(min, counter(block + (slot & 7), (slot >>> 3) & 15));
    }
    return min;
  }

  /** Counts the key {@code times} more times (saturating at {@value #MAX_COUNT}). */
  void increment(Object key, int times) {
    long h = hash(key);
    int block = (int) (h & blockMask) << 3;
    int min = MAX_COUNT;
    for (int i = 0; i < 4; i++) {
      int slot = (int) (h >>> (32 + (i << 3)));
      min = Math.min(min, counter(block + (slot & 7), (slot >>> 3) & 15));
    }
    if (min == MAX_COUNT) {
      return;
    }
    int target = Math.min(MAX_COUNT, min + times);
    for (int i = 0; i < 4; i++) {
      int slot = (int) (h >>> (32 + (i << 3)));
      int index = block + (slot & 7);
      int nibble = (slot >>> 3) & 15;
      if (counter(index, nibble) < target) {
        int shift = nibble << 2;
        table[index] = (table[index] & ~(15L << shift)) | ((long) target << shift);
      }
    }
  }

  /** Halves every counter, so that what was popular long ago weighs half as much as what is popular now. */
  void halve() {
    for (int i = 0; i < table.length; i++) {
      table[i] = (table[i] >>> 1) & ODD_NIBBLES_CLEARED;
    }
  }

  /** Sets every counter to zero. */
  void clear() {
    java.util.Arrays.fill(table, 0L);
  }

  /** Returns the number of entries the table was sized for. */
  long entries() {
    return entries;
  }

  /** Returns the bytes of the counter table. */
  long bytes() {
    return 8L * table.length;
  }

  private int counter(int index, int nibble) {
    return (int) (table[index] >>> (nibble << 2)) & 15;
  }

  /** Returns the key's seeded 64-bit hash. */
  long hash(Object key) {
    return mix(key.hashCode() ^ seed);
  }

  /** A 64-bit finalizer: every input bit affects every output bit, so the block and slot bits are independent. */
  static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
    x = (x ^ (x >>> 29)) * 0xC4CE_B9FE_1A85_EC53L;
    return x ^ (x >>> 32);
  }
}
