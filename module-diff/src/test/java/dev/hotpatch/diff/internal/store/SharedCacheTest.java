package dev.hotpatch.diff.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A line of stores, each derived from the last with some classes changed: every store must see the
 * values of its own class versions, whichever store worked them out.
 */
class SharedCacheTest {
  @Test
  void aDerivedCacheKeepsTheValuesOfUnchangedClassesAndDropsTheChangedOnes() {
    SharedCache<String> first = new SharedCache<>();
    first.put("a/A", "A v0");
    first.put("a/B", "B v0");
    SharedCache<String> second = first.derive(Set.of("a/A"));
    assertThat(second.get("a/A")).isNull();
    assertThat(second.get("a/B")).isEqualTo("B v0");
    assertThat(first.get("a/A")).isEqualTo("A v0");
  }

  @Test
  void aValueWorkedOutLaterServesEveryStoreWithTheSameBytesAndNoOther() {
    SharedCache<String> first = new SharedCache<>();
    SharedCache<String> second = first.derive(Set.of("a/A"));
    second.put("a/A", "A v1");
    second.put("a/B", "B v0");
    // B has the same bytes in both stores; A does not.
    assertThat(first.get("a/B")).isEqualTo("B v0");
    assertThat(first.get("a/A")).isNull();
    first.put("a/A", "A v0");
    assertThat(second.get("a/A")).isEqualTo("A v1");
    SharedCache<String> third = second.derive(Set.of("a/B"));
    assertThat(third.get("a/A")).isEqualTo("A v1");
    assertThat(third.get("a/B")).isNull();
  }

  @Test
  void manyChangedClassesStartANewSharedMapThatKeepsWhatIsStillValid() {
    SharedCache<String> cache = new SharedCache<>();
    for (int i = 0; i < 200; i++) {
      cache.put("c" + i, "c" + i + " v0");
    }
    SharedCache<String> original = cache;
    Set<String> changed = new HashSet<>();
    for (int i = 0; i <= SharedCache.MAX_STALE * 2; i++) {
      cache = cache.derive(Set.of("c" + i));
      cache.put("c" + i, "c" + i + " v1");
      changed.add("c" + i);
    }
    for (int i = 0; i < 200; i++) {
      String name = "c" + i;
      assertThat(cache.get(name)).isEqualTo(name + (changed.contains(name) ? " v1" : " v0"));
      assertThat(original.get(name)).isEqualTo(name + " v0");
    }
  }

  @Test
  void aClassChangedAgainAndAgainDropsOnlyItsOwnValue() {
    SharedCache<String> cache = new SharedCache<>();
    cache.put("a/B", "B v0");
    for (int version = 1; version <= 100; version++) {
      SharedCache<String> before = cache;
      cache = cache.derive(Set.of("a/A"));
      assertThat(cache.get("a/A")).isNull();
      cache.put("a/A", "A v" + version);
      assertThat(before.get("a/A")).isEqualTo(version == 1 ? null : "A v" + (version - 1));
    }
    assertThat(cache.get("a/B")).isEqualTo("B v0");
  }
}
