package dev.hotpatch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.diff.classfile.Reference;
import dev.hotpatch.diff.classfile.Reference.Kind;
import dev.hotpatch.diff.testing.Builds;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleReferencesTest {
  private static final Map<String, ModuleSnapshot> WORKSPACE =
      Builds.workspace(
          """
          package lib;
          public class Base { protected void hook() {} }
          """,
          """
          package lib;
          public class Greeter { public int count; public String greet() { return "hi"; } }
          """,
          """
          package lib;
          import java.lang.annotation.*;
          @Retention(RetentionPolicy.RUNTIME)
          public @interface Marker {}
          """,
          """
          package lib;
          public class Box<T> {}
          """,
          """
          package lib;
          public class Impl {}
          """,
          """
          package lib;
          public class Outer { public static class Nested {} }
          """,
          """
          package app;
          import java.util.List;
          @lib.Marker
          public class Main extends lib.Base {
            List<lib.Box<String>> boxes;
            String run(lib.Greeter g) { g.count++; return g.greet(); }
            Object load() throws Exception { return Class.forName("lib.Impl"); }
            Object nested() { return new lib.Outer.Nested(); }
            String self() { return "app.Main"; }
          }
          """);

  private final ModuleReferences app = ModuleReferences.of(WORKSPACE.get("app"));

  @Test
  void recordsEachKindOfUse() {
    assertThat(app.to(WORKSPACE.get("lib")))
        .containsExactlyInAnyOrder(
            new Reference("lib/Base", "", Kind.SUPERTYPE),
            new Reference("lib/Base", "<init>()V", Kind.METHOD),
            new Reference("lib/Marker", "", Kind.ANNOTATION),
            new Reference("lib/Box", "", Kind.SIGNATURE),
            new Reference("lib/Greeter", "greet()Ljava/lang/String;", Kind.METHOD),
            new Reference("lib/Greeter", "count:I", Kind.FIELD),
            new Reference("lib/Greeter", "", Kind.TYPE),
            new Reference("lib/Outer$Nested", "", Kind.TYPE),
            new Reference("lib/Outer$Nested", "<init>()V", Kind.METHOD),
            new Reference("lib/Outer", "", Kind.CONSTANT_POOL),
            new Reference("lib/Impl", "", Kind.CLASS_NAME_STRING));
  }

  @Test
  void classesLeaveOutNamesOnlySpelledInStrings() {
    assertThat(app.classes())
        .contains("lib/Base", "lib/Greeter", "lib/Outer", "java/lang/Object", "java/lang/Class")
        .doesNotContain("lib/Impl", "app/Main");
  }

  @Test
  void knowsWhichClassesMakeAReference() {
    Reference greet = new Reference("lib/Greeter", "greet()Ljava/lang/String;", Kind.METHOD);

    assertThat(app.users(greet)).containsExactly("app/Main");
    assertThat(app.to("lib.Greeter")).first().isEqualTo(greet);
    assertThat(greet.describe()).isEqualTo("lib.Greeter#greet()");
    assertThat(new Reference("lib/Greeter", "count:I", Kind.FIELD).describe())
        .isEqualTo("lib.Greeter#count");
  }

  @Test
  void aModuleDoesNotReferenceItself() {
    assertThat(ModuleReferences.of(WORKSPACE.get("lib")).classes())
        .allMatch(name -> !name.startsWith("lib/"));
    assertThat(app.unreadable()).isEmpty();
  }
}
