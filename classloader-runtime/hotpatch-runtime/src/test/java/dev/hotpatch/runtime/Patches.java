package dev.hotpatch.runtime;

import java.util.Arrays;
import java.util.List;

/** Patches for tests: module versions each loaded in a new loader, with no synthetic renames. */
public final class Patches {
  private Patches() {}

  public static List<ModulePatch> newLoaders(ModuleVersion... modules) {
    return newLoaders(Arrays.asList(modules));
  }

  public static List<ModulePatch> newLoaders(List<ModuleVersion> modules) {
    return modules.stream().map(ModulePatch::newLoader).toList();
  }
}
