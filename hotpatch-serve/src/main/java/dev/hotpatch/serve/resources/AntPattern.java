package dev.hotpatch.serve.resources;

import java.util.regex.Pattern;

/** An Ant-style path pattern of Maven's {@code <includes>} and {@code <excludes>}. */
final class AntPattern {
  private final Pattern regex;

  private AntPattern(Pattern regex) {
    this.regex = regex;
  }

  /** {@code **} spans folders, {@code *} and {@code ?} stay within one; a trailing / means all. */
  static AntPattern of(String pattern) {
    String ant = pattern.replace('\\', '/');
    if (ant.endsWith("/")) {
      ant = ant + "**";
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < ant.length(); i++) {
      char c = ant.charAt(i);
      if (ant.startsWith("**/", i)) {
        regex.append("(?:.*/)?");
        i += 2;
      } else if (ant.startsWith("**", i)) {
        regex.append(".*");
        i += 1;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new AntPattern(Pattern.compile(regex.toString()));
  }

  /** Whether {@code path}, relative and with {@code /} separators, matches. */
  boolean matches(String path) {
    return regex.matcher(path).matches();
  }
}
