package dev.hotpatch.diff;

import dev.hotpatch.diff.testing.InMemoryCompiler;
import java.util.List;

/** A before/after pair of sources for one module, compiled in memory when asked for. */
record Fixture(
    String name, List<String> beforeSources, List<String> afterSources, List<String> options) {

  static Fixture of(String name, String before, String after) {
    return new Fixture(name, List.of(before), List.of(after), List.of());
  }

  static Fixture of(String name, List<String> before, List<String> after) {
    return new Fixture(name, before, after, List.of());
  }

  /** The same fixture compiled with extra javac options. */
  Fixture with(String... javacOptions) {
    return new Fixture(name, beforeSources, afterSources, List.of(javacOptions));
  }

  ModuleSnapshot before() {
    return build(beforeSources);
  }

  ModuleSnapshot after() {
    return build(afterSources);
  }

  ModuleSnapshot build(List<String> sources) {
    return ModuleSnapshot.of(InMemoryCompiler.compileWith(options, sources.toArray(String[]::new)));
  }

  ModuleDiff diff() {
    return ModuleDiff.compare(before(), after());
  }

  @Override
  public String toString() {
    return name;
  }
}
