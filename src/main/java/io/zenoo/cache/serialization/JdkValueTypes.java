package io.zenoo.cache.serialization;

import java.util.Set;

/**
 * The JDK classes that {@link AllowList} admits by default: value types whose deserialization runs no
 * code beyond rebuilding the value, and the collections (with the internal classes their serial forms
 * use) whose elements are themselves checked. Deliberately absent: {@code java.net.URL} (its
 * {@code hashCode} resolves host names), {@code PriorityQueue} and other containers that call a
 * comparator or handler chosen by the data, proxies, lambdas and everything reflective.
 */
final class JdkValueTypes {

  /** Package prefixes admitted whole: value types only. */
  static final Set<String> PACKAGES = Set.of("java.time.");

  /** Exact binary class names. */
  static final Set<String> CLASSES =
      Set.of(
          // java.lang: the boxes, String, and the supertypes their serial forms name
          "java.lang.Object",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.String",
          "java.lang.Number",
          "java.lang.Enum",
          // an interface (never instantiated): admits Serializable[] arrays, whose elements are checked one by one
          // (Hibernate caches an entity's state as one)
          "java.io.Serializable",
          "java.lang.String$CaseInsensitiveComparator",
          // java.math and the other JDK numbers
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.math.MathContext",
          "java.math.RoundingMode",
          "java.util.concurrent.atomic.AtomicInteger",
          "java.util.concurrent.atomic.AtomicLong",
          // identifiers and small values
          "java.util.UUID",
          "java.net.URI",
          "java.util.Date",
          "java.util.Locale",
          "java.util.Currency",
          "java.util.BitSet",
          // java.util collections
          "java.util.ArrayList",
          "java.util.LinkedList",
          "java.util.ArrayDeque",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet",
          "java.util.EnumMap",
          "java.util.EnumSet",
          "java.util.RegularEnumSet",
          "java.util.JumboEnumSet",
          "java.util.EnumSet$SerializationProxy",
          "java.util.Map$Entry", // HashMap and HashSet check their table as an array of it
          "java.util.AbstractMap$SimpleEntry",
          "java.util.AbstractMap$SimpleImmutableEntry",
          "java.util.Arrays$ArrayList",
          // List.of, Set.of, Map.of: their classes, and the proxy their serial form uses
          "java.util.CollSer",
          "java.util.ImmutableCollections$List12",
          "java.util.ImmutableCollections$ListN",
          "java.util.ImmutableCollections$Set12",
          "java.util.ImmutableCollections$SetN",
          "java.util.ImmutableCollections$Map1",
          "java.util.ImmutableCollections$MapN",
          // Collections' wrappers and constants
          "java.util.Collections$EmptyList",
          "java.util.Collections$EmptySet",
          "java.util.Collections$EmptyMap",
          "java.util.Collections$SingletonList",
          "java.util.Collections$SingletonSet",
          "java.util.Collections$SingletonMap",
          "java.util.Collections$UnmodifiableCollection",
          "java.util.Collections$UnmodifiableList",
          "java.util.Collections$UnmodifiableRandomAccessList",
          "java.util.Collections$UnmodifiableSet",
          "java.util.Collections$UnmodifiableSortedSet",
          "java.util.Collections$UnmodifiableNavigableSet",
          "java.util.Collections$UnmodifiableMap",
          "java.util.Collections$UnmodifiableSortedMap",
          "java.util.Collections$UnmodifiableNavigableMap",
          "java.util.Collections$SynchronizedCollection",
          "java.util.Collections$SynchronizedList",
          "java.util.Collections$SynchronizedRandomAccessList",
          "java.util.Collections$SynchronizedSet",
          "java.util.Collections$SynchronizedSortedSet",
          "java.util.Collections$SynchronizedMap",
          "java.util.Collections$SynchronizedSortedMap",
          // the comparators of sorted collections that need no code from the data
          "java.util.Collections$ReverseComparator",
          "java.util.Comparators$NaturalOrderComparator",
          // java.util.concurrent collections (the map's serial form still names its old segments)
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentHashMap$Segment",
          "java.util.concurrent.locks.ReentrantLock",
          "java.util.concurrent.locks.ReentrantLock$NonfairSync",
          "java.util.concurrent.ConcurrentSkipListMap",
          "java.util.concurrent.ConcurrentSkipListSet",
          "java.util.concurrent.CopyOnWriteArrayList",
          "java.util.concurrent.CopyOnWriteArraySet",
          "java.util.concurrent.ConcurrentLinkedQueue",
          "java.util.concurrent.ConcurrentLinkedDeque");

  private JdkValueTypes() {}
}
