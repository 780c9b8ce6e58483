package dev.hotpatch.diff.internal.names;

/**
 * The naming schemes javac uses for what it generates, and how to take the ordinal out of them.
 *
 * <p>javac numbers lambdas ({@code lambda$main$0}, serializable ones {@code
 * lambda$main$2feeadf4$1}), accessors ({@code access$000}), anonymous classes ({@code Foo$1}),
 * local classes ({@code Foo$1Local}) and switch-map classes (also {@code Foo$2}) in source order,
 * so inserting one shifts the numbers of all that follow. Matching works on names with the ordinal
 * replaced by {@code #}.
 */
public final class SyntheticNames {
  private SyntheticNames() {}

  /** A lambda implementation method: {@code lambda$<method>$[<hash>$]<n>}. */
  public static boolean isLambda(String methodName) {
    return methodName.startsWith("lambda$") && endsWithOrdinal(methodName);
  }

  /** A pre-nestmate private-access bridge: {@code access$<n>}. */
  public static boolean isAccessor(String methodName) {
    return methodName.startsWith("access$") && endsWithOrdinal(methodName);
  }

  /** A member whose name carries a javac ordinal. */
  public static boolean isNumberedMember(String methodName) {
    return isLambda(methodName) || isAccessor(methodName);
  }

  /** {@code lambda$main$12} becomes {@code lambda$main$#}; other names stay. */
  public static String eraseMemberOrdinal(String methodName) {
    if (!isNumberedMember(methodName)) {
      return methodName;
    }
    int end = methodName.length();
    int start = end;
    while (start > 0 && Character.isDigit(methodName.charAt(start - 1))) {
      start--;
    }
    return methodName.substring(0, start) + "#";
  }

  /** {@code demo/App$2$1Local} becomes {@code demo/App$#$#Local}. */
  public static String eraseClassOrdinals(String internalName) {
    int dollar = internalName.indexOf('$');
    if (dollar < 0) {
      return internalName;
    }
    StringBuilder out = new StringBuilder(internalName.length());
    int i = 0;
    int n = internalName.length();
    while (i < n) {
      char c = internalName.charAt(i);
      out.append(c);
      i++;
      if (c == '$' && i < n && Character.isDigit(internalName.charAt(i))) {
        while (i < n && Character.isDigit(internalName.charAt(i))) {
          i++;
        }
        out.append('#');
      }
    }
    return out.toString();
  }

  /**
   * The javac ordinal of a numbered member or of a numbered nested class ({@code Foo$12}, {@code
   * Foo$12Local}), or {@code Long.MAX_VALUE} when there is none; used to keep source order.
   */
  public static long ordinal(String name) {
    int end = name.length();
    int i = end;
    while (i > 0 && Character.isDigit(name.charAt(i - 1))) {
      i--;
    }
    if (i == end) {
      // Local class: the digits follow the last '$' and precede the simple name.
      int dollar = name.lastIndexOf('$');
      int j = dollar + 1;
      while (j < end && Character.isDigit(name.charAt(j))) {
        j++;
      }
      return dollar >= 0 && j > dollar + 1 ? parse(name, dollar + 1, j) : Long.MAX_VALUE;
    }
    return parse(name, i, end);
  }

  private static long parse(String s, int from, int to) {
    // Long enough for any javac counter; longer digit runs are not ordinals.
    return to - from > 18 ? Long.MAX_VALUE : Long.parseLong(s, from, to, 10);
  }

  private static boolean endsWithOrdinal(String name) {
    int dollar = name.lastIndexOf('$');
    if (dollar < 0 || dollar == name.length() - 1) {
      return false;
    }
    for (int i = dollar + 1; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
