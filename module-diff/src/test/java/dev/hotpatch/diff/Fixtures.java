package dev.hotpatch.diff;

import java.util.List;

/** Every before/after pair the diff tests use; each stands for one kind of change. */
final class Fixtures {
  private Fixtures() {}

  static final Fixture BODY =
      Fixture.of(
          "body",
          """
          package lib;
          public class Greeter {
            public String greet() { return "hi"; }
            public String other() { return "same"; }
          }
          """,
          """
          package lib;
          public class Greeter {
            public String greet() { return "hello"; }
            public String other() { return "same"; }
          }
          """);

  static final Fixture LINE_MOVED =
      Fixture.of(
          "line moved",
          """
          package lib;
          public class Greeter {
            public String greet() { return "hi"; }
          }
          """,
          """
          package lib;
          public class Greeter {

            public String greet() { return "hi"; }
          }
          """);

  static final Fixture LOCAL_RENAMED =
      Fixture.of(
          "local variable renamed",
          """
          package lib;
          public class Greeter {
            public String greet(String name) { String text = "hi " + name; return text; }
          }
          """,
          """
          package lib;
          public class Greeter {
            public String greet(String name) { String message = "hi " + name; return message; }
          }
          """);

  static final Fixture FIELD_ADDED =
      Fixture.of(
          "field added",
          """
          package lib;
          public class Greeter {
            public String greet() { return "hi"; }
          }
          """,
          """
          package lib;
          public class Greeter {
            int count;
            public String greet() { count++; return "hi"; }
          }
          """);

  static final Fixture FIELD_REMOVED =
      Fixture.of(
          "field removed",
          """
          package lib;
          public class Greeter { int count; String name; }
          """,
          """
          package lib;
          public class Greeter { String name; }
          """);

  static final Fixture FIELD_TYPE =
      Fixture.of(
          "field type changed",
          """
          package lib;
          public class Greeter { int count; }
          """,
          """
          package lib;
          public class Greeter { long count; }
          """);

  static final Fixture FIELD_STATIC =
      Fixture.of(
          "field made static final",
          """
          package lib;
          public class Greeter { Object lock = new Object(); }
          """,
          """
          package lib;
          public class Greeter { static final Object lock = new Object(); }
          """);

  static final Fixture METHODS =
      Fixture.of(
          "methods added, removed, signature changed",
          """
          package lib;
          public class Greeter {
            public String greet() { return "hi"; }
            public void wave() {}
          }
          """,
          """
          package lib;
          public class Greeter {
            public String greet(String name) { return "hi " + name; }
            public void bow() {}
          }
          """);

  static final Fixture METHOD_THROWS =
      Fixture.of(
          "throws clause changed",
          """
          package lib;
          public class Greeter { public void greet() {} }
          """,
          """
          package lib;
          public class Greeter { public void greet() throws java.io.IOException {} }
          """);

  static final Fixture SUPERTYPES =
      Fixture.of(
          "supertypes changed",
          List.of(
              """
              package lib;
              public class Base {}
              """,
              """
              package lib;
              public class Greeter { public void run() {} }
              """),
          List.of(
              """
              package lib;
              public class Base {}
              """,
              """
              package lib;
              public class Greeter extends Base implements Runnable { public void run() {} }
              """));

  static final Fixture ANNOTATION =
      Fixture.of(
          "annotation changed",
          List.of(
              """
              package lib;
              import java.lang.annotation.*;
              @Retention(RetentionPolicy.RUNTIME)
              public @interface Route { String value(); }
              """,
              """
              package lib;
              public class Greeter { @Route("/a") public void greet() {} }
              """),
          List.of(
              """
              package lib;
              import java.lang.annotation.*;
              @Retention(RetentionPolicy.RUNTIME)
              public @interface Route { String value(); }
              """,
              """
              package lib;
              public class Greeter { @Route("/b") public void greet() {} }
              """));

  static final Fixture ENUM_CONSTANT =
      Fixture.of(
          "enum constant added",
          """
          package lib;
          public enum Color { RED, GREEN }
          """,
          """
          package lib;
          public enum Color { RED, GREEN, BLUE }
          """);

  static final Fixture RECORD_COMPONENT =
      Fixture.of(
          "record component added",
          """
          package lib;
          public record Point(int x) {}
          """,
          """
          package lib;
          public record Point(int x, int y) {}
          """);

  static final Fixture SEALED =
      Fixture.of(
          "sealed permits changed",
          List.of(
              """
              package lib;
              public sealed interface Shape permits Circle {}
              """,
              """
              package lib;
              public final class Circle implements Shape {}
              """),
          List.of(
              """
              package lib;
              public sealed interface Shape permits Circle, Square {}
              """,
              """
              package lib;
              public final class Circle implements Shape {}
              """,
              """
              package lib;
              public final class Square implements Shape {}
              """));

  static final Fixture NEST_MEMBER =
      Fixture.of(
          "nest member added",
          """
          package lib;
          public class Outer {
            private int secret = 1;
            class Reader { int read() { return secret; } }
          }
          """,
          """
          package lib;
          public class Outer {
            private int secret = 1;
            private int other = 2;
            class Reader { int read() { return secret + other; } }
            static class Extra {}
          }
          """);

  static final Fixture CONSTANT =
      Fixture.of(
          "constant changed",
          """
          package lib;
          public class Config {
            public static final String GREETING = "hi";
            public static final int LIMIT = 3;
            private static final int SECRET = 1;
            static int secret() { return SECRET; }
          }
          """,
          """
          package lib;
          public class Config {
            public static final String GREETING = "hello";
            public static final int LIMIT = 3;
            private static final int SECRET = 2;
            static int secret() { return SECRET; }
          }
          """);

  static final Fixture CONSTANT_REMOVED =
      Fixture.of(
          "constant no longer constant",
          """
          package lib;
          public class Config { public static final long TIMEOUT = 30L; }
          """,
          """
          package lib;
          public class Config { public static final long TIMEOUT = Long.getLong("t", 30L); }
          """);

  static final Fixture CLASS_ADDED_REMOVED =
      Fixture.of(
          "class added and removed",
          List.of(
              """
              package lib;
              public class Old {}
              """,
              """
              package lib;
              public class Stays {}
              """),
          List.of(
              """
              package lib;
              public class Stays {}
              """,
              """
              package lib;
              public class Fresh {}
              """));

  static final Fixture LAMBDA_INSERTED =
      Fixture.of(
          "lambda inserted before another",
          """
          package demo;
          import java.util.function.Supplier;
          public class App {
            static Supplier<String> main() {
              Supplier<String> a = () -> "a";
              return a;
            }
          }
          """,
          """
          package demo;
          import java.util.function.Supplier;
          public class App {
            static Supplier<String> main() {
              Supplier<String> b = () -> "b";
              Supplier<String> a = () -> "a";
              return b.get().isEmpty() ? b : a;
            }
          }
          """);

  static final Fixture LAMBDA_EDITED =
      Fixture.of(
          "lambda edited",
          """
          package demo;
          import java.util.function.Supplier;
          public class App {
            static Supplier<String> main() { return () -> "a"; }
          }
          """,
          """
          package demo;
          import java.util.function.Supplier;
          public class App {
            static Supplier<String> main() { return () -> "A"; }
          }
          """);

  static final Fixture LAMBDA_AMBIGUOUS =
      Fixture.of(
          "lambda inserted before an edited one",
          """
          package demo;
          import java.util.function.Supplier;
          public class App {
            static Supplier<String> main() {
              Supplier<String> a = () -> "a";
              return a;
            }
          }
          """,
          """
          package demo;
          import java.util.function.Supplier;
          public class App {
            static Supplier<String> main() {
              Supplier<String> b = () -> "b";
              Supplier<String> a = () -> "a, edited";
              return b.get().isEmpty() ? b : a;
            }
          }
          """);

  static final Fixture LAMBDA_IN_OTHER_METHOD =
      Fixture.of(
          "lambda inserted in an earlier method",
          """
          package demo;
          import java.util.function.Supplier;
          public class App {
            static void first() {}
            static Supplier<String> second() { return () -> "second"; }
          }
          """,
          """
          package demo;
          import java.util.function.Supplier;
          public class App {
            static void first() { Runnable r = () -> {}; r.run(); }
            static Supplier<String> second() { return () -> "second"; }
          }
          """);

  static final Fixture SERIALIZABLE_LAMBDA =
      Fixture.of(
          "serializable lambda inserted",
          List.of(
              """
              package demo;
              public interface Task extends Runnable, java.io.Serializable {}
              """,
              """
              package demo;
              public class App {
                static Task main() {
                  Task a = () -> System.out.println("a");
                  return a;
                }
              }
              """),
          List.of(
              """
              package demo;
              public interface Task extends Runnable, java.io.Serializable {}
              """,
              """
              package demo;
              public class App {
                static Task main() {
                  Task b = () -> System.out.println("b");
                  Task a = () -> System.out.println("a");
                  b.run();
                  return a;
                }
              }
              """));

  static final Fixture ANONYMOUS =
      Fixture.of(
          "anonymous class inserted before another",
          """
          package demo;
          public class Foo {
            Runnable a() { return new Runnable() { public void run() { System.out.println("a"); } }; }
          }
          """,
          """
          package demo;
          public class Foo {
            Runnable z() { return new Runnable() { public void run() { System.out.println("z"); } }; }
            Runnable a() { return new Runnable() { public void run() { System.out.println("a"); } }; }
          }
          """);

  static final Fixture ANONYMOUS_SAME_METHOD =
      Fixture.of(
          "anonymous class inserted in the same method",
          """
          package demo;
          public class Foo {
            Runnable a() {
              return new Runnable() { public void run() { System.out.println("a"); } };
            }
          }
          """,
          """
          package demo;
          public class Foo {
            Runnable a() {
              Runnable first = new Runnable() { public void run() { System.out.println("1"); } };
              first.run();
              return new Runnable() { public void run() { System.out.println("a"); } };
            }
          }
          """);

  static final Fixture LOCAL_CLASS =
      Fixture.of(
          "local class renumbered",
          """
          package demo;
          public class Foo {
            int b() { class Helper { int v() { return 2; } } return new Helper().v(); }
          }
          """,
          """
          package demo;
          public class Foo {
            int a() { class Helper { int v() { return 1; } } return new Helper().v(); }
            int b() { class Helper { int v() { return 2; } } return new Helper().v(); }
          }
          """);

  static final Fixture SWITCH_MAP =
      Fixture.of(
          "switch map renumbered",
          List.of(
              """
              package demo;
              public enum Level { LOW, HIGH }
              """,
              """
              package demo;
              public class Foo {
                int score(Level level) {
                  switch (level) { case LOW: return 1; default: return 2; }
                }
              }
              """),
          List.of(
              """
              package demo;
              public enum Level { LOW, HIGH }
              """,
              """
              package demo;
              public class Foo {
                Runnable first() { return new Runnable() { public void run() {} }; }
                int score(Level level) {
                  switch (level) { case LOW: return 1; default: return 2; }
                }
              }
              """));

  static final Fixture ENUM_CONSTANT_BODIES =
      Fixture.of(
          "enum constant with a body inserted first",
          """
          package demo;
          public enum Op {
            PLUS { int apply(int a, int b) { return a + b; } },
            MINUS { int apply(int a, int b) { return a - b; } };
            abstract int apply(int a, int b);
          }
          """,
          """
          package demo;
          public enum Op {
            TIMES { int apply(int a, int b) { return a * b; } },
            PLUS { int apply(int a, int b) { return a + b; } },
            MINUS { int apply(int a, int b) { return a - b; } };
            abstract int apply(int a, int b);
          }
          """);

  static final Fixture ENUM_CONSTANT_BODY_EDITED =
      Fixture.of(
          "enum constant with a body inserted, the next one edited",
          """
          package demo;
          public enum Op {
            PLUS { int apply(int a, int b) { return a + b; } },
            MINUS { int apply(int a, int b) { return a - b; } };
            abstract int apply(int a, int b);
          }
          """,
          """
          package demo;
          public enum Op {
            TIMES { int apply(int a, int b) { return a * b; } },
            PLUS { int apply(int a, int b) { return Math.addExact(a, b); } },
            MINUS { int apply(int a, int b) { return a - b; } };
            abstract int apply(int a, int b);
          }
          """);

  static final Fixture BRIDGE_BODY =
      Fixture.of(
          "body behind a bridge method changed",
          """
          package lib;
          public class Box implements Comparable<Box> {
            int v;
            public int compareTo(Box o) { return v - o.v; }
          }
          """,
          """
          package lib;
          public class Box implements Comparable<Box> {
            int v;
            public int compareTo(Box o) { return Integer.compare(v, o.v); }
          }
          """);

  static final Fixture BRIDGE_TARGET =
      Fixture.of(
          "method behind a bridge changed type",
          List.of(
              """
              package lib;
              public abstract class Holder<T> { public abstract T get(); }
              """,
              """
              package lib;
              public class Named extends Holder<String> { public String get() { return "n"; } }
              """),
          List.of(
              """
              package lib;
              public abstract class Holder<T> { public abstract T get(); }
              """,
              """
              package lib;
              public class Named extends Holder<Integer> { public Integer get() { return 1; } }
              """));

  /** javac before nestmates (release 8) reached private members through numbered accessors. */
  static final Fixture ACCESSOR =
      Fixture.of(
              "accessor renumbered",
              """
              package demo;
              public class Acc {
                private int a = 1;
                private int b = 2;
                class Reader { int b() { return b; } }
              }
              """,
              """
              package demo;
              public class Acc {
                private int a = 1;
                private int b = 2; class First { int a() { return a; } }
                class Reader { int b() { return b; } }
              }
              """)
          .with("--release", "8");

  static List<Fixture> all() {
    return List.of(
        BODY,
        LINE_MOVED,
        LOCAL_RENAMED,
        FIELD_ADDED,
        FIELD_REMOVED,
        FIELD_TYPE,
        FIELD_STATIC,
        METHODS,
        METHOD_THROWS,
        SUPERTYPES,
        ANNOTATION,
        ENUM_CONSTANT,
        RECORD_COMPONENT,
        SEALED,
        NEST_MEMBER,
        CONSTANT,
        CONSTANT_REMOVED,
        CLASS_ADDED_REMOVED,
        LAMBDA_INSERTED,
        LAMBDA_EDITED,
        LAMBDA_AMBIGUOUS,
        LAMBDA_IN_OTHER_METHOD,
        SERIALIZABLE_LAMBDA,
        ANONYMOUS,
        ANONYMOUS_SAME_METHOD,
        LOCAL_CLASS,
        SWITCH_MAP,
        ENUM_CONSTANT_BODIES,
        ENUM_CONSTANT_BODY_EDITED,
        BRIDGE_BODY,
        BRIDGE_TARGET,
        ACCESSOR);
  }
}
