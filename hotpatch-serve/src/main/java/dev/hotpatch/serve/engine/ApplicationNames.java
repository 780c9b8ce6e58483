package dev.hotpatch.serve.engine;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What serve calls each of several applications: on its output lines and in {@code r NAME}. */
final class ApplicationNames {
  private ApplicationNames() {}

  /**
   * The simple name of each main class, or its fully qualified name where two simple names are
   * equal; for a single application, a list holding null: its lines carry no name.
   */
  static List<String> of(List<String> mainClasses) {
    if (mainClasses.size() == 1) {
      return Collections.singletonList(null);
    }
    Map<String, Integer> simpleNames = new HashMap<>();
    mainClasses.forEach(name -> simpleNames.merge(simpleName(name), 1, Integer::sum));
    return mainClasses.stream()
        .map(name -> simpleNames.get(simpleName(name)) == 1 ? simpleName(name) : name)
        .toList();
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
