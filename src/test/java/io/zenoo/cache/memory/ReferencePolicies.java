package io.zenoo.cache.memory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference rows of a hit-rate table, computed on a trace directly (no cache involved): exact LRU, and
 * the optimum (Belady: on a miss with the cache full, drop whichever of the cached keys and the new one is
 * asked again furthest in the future, or never). Hit rates count the requests from {@code warmup} on.
 */
public final class ReferencePolicies {

  private ReferencePolicies() {}

  /** The hit rate of an exact least-recently-used cache of {@code capacity} keys. */
  public static double lru(int[] trace, int capacity, int warmup) {
    Map<Integer, Boolean> cache =
        new LinkedHashMap<>(capacity * 2, 0.75f, /* accessOrder= */ true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > capacity;
          }
        };
    long hits = 0;
    for (int i = 0; i < trace.length; i++) {
      if (cache.get(trace[i]) != null) {
        if (i >= warmup) {
          hits++;
        }
      } else {
        cache.put(trace[i], Boolean.TRUE);
      }
    }
    return (double) hits / (trace.length - warmup);
  }

  /** The best hit rate any cache of {@code capacity} keys can reach on the trace (it knows the future). */
  public static double optimal(int[] trace, int capacity, int warmup) {
    int[] nextUse = nextUses(trace);
    int maxKey = 0;
    for (int key : trace) {
      maxKey = Math.max(maxKey, key);
    }
    int[] cachedUntil = new int[maxKey + 1]; // the next use of a cached key, or -1 if not cached
    Arrays.fill(cachedUntil, -1);
    LongMaxHeap heap = new LongMaxHeap();
    int size = 0;
    long hits = 0;
    for (int i = 0; i < trace.length; i++) {
      int key = trace[i];
      if (cachedUntil[key] >= 0) {
        if (i >= warmup) {
          hits++;
        }
      } else if (size < capacity) {
        size++;
      } else {
        // the cached key used furthest ahead, skipping heap entries its later uses made stale
        long top;
        while (true) {
          top = heap.peek();
          int k = (int) top;
          if (cachedUntil[k] == (int) (top >>> 32)) {
            break;
          }
          heap.pop();
        }
        if ((int) (top >>> 32) <= nextUse[i]) {
          continue; // the new key is the one asked again last: do not cache it
        }
        heap.pop();
        cachedUntil[(int) top] = -1;
      }
      cachedUntil[key] = nextUse[i];
      heap.push(((long) nextUse[i] << 32) | key);
    }
    return (double) hits / (trace.length - warmup);
  }

  /** For each request, the index of the next request for the same key, or trace.length if none. */
  private static int[] nextUses(int[] trace) {
    int[] next = new int[trace.length];
    Map<Integer, Integer> seen = new HashMap<>();
    for (int i = trace.length - 1; i >= 0; i--) {
      Integer later = seen.put(trace[i], i);
      next[i] = later == null ? trace.length : later;
    }
    return next;
  }

  /** A binary max-heap of longs. */
  private static final class LongMaxHeap {
    private long[] items = new long[1024];
    private int size;

    void push(long item) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (items[parent] >= item) {
          break;
        }
        items[i] = items[parent];
        i = parent;
      }
      items[i] = item;
    }

    long peek() {
      return items[0];
    }

    void pop() {
      long last = items[--size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && items[child + 1] > items[child]) {
          child++;
        }
        if (items[child] <= last) {
          break;
        }
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
  }
}
