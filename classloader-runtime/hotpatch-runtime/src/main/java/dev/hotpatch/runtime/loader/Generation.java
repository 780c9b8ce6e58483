package dev.hotpatch.runtime.loader;

import java.lang.invoke.SwitchPoint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The module loaders that are current together, and how many patches made them.
 *
 * @param version the number of patches applied when this generation became current
 * @param loaders the current loader of every module, in dependency order
 * @param calls valid while this generation is current: every {@code Hot.call} site linked against
 *     it is guarded by it, and falls back to re-linking once a patch invalidates it
 */
public record Generation(long version, Map<String, ModuleClassLoader> loaders, SwitchPoint calls) {
  public Generation {
    loaders = Collections.unmodifiableMap(new LinkedHashMap<>(loaders));
  }

  /** The loader of {@code module}, or {@code null} if the application has no such module. */
  public ModuleClassLoader loader(String module) {
    return loaders.get(module);
  }
}
