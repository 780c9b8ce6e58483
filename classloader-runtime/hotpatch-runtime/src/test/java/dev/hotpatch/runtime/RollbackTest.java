package dev.hotpatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** A patch is all or nothing: whatever fails, the previous versions stay current. */
class RollbackTest {
  private static final String CORE =
      """
      package demo.core;
      public final class Core {
        static int calls;
        public static String call() { calls++; return "TAG:" + calls; }
      }
      """;

  private static final String APP =
      """
      package demo.app;
      public final class App {
        static final java.util.List<Object> KEPT = new java.util.ArrayList<>();
        EXTRA
        public static String run() { return "TAG+" + demo.core.Core.call(); }
      }
      """;

  @TempDir Path folder;
  private TestApplication application;

  @BeforeEach
  void create() {
    application = new TestApplication(folder);
  }

  @AfterEach
  void close() {
    application.close();
  }

  private ModuleVersion core(int version) {
    return application.build(
        "core", version, Map.of("demo.core.Core", CORE.replace("TAG", "core" + version)));
  }

  private ModuleVersion app(int version, String extra) {
    return application.build(
        "app",
        version,
        List.of("core"),
        Map.of("demo.app.App", APP.replace("TAG", "app" + version).replace("EXTRA", extra)));
  }

  private void startAndRunOnce() {
    application.start(core(0), app(0, ""));
    assertThat(application.call("app", "demo.app.App", "run")).isEqualTo("app0+core0:1");
  }

  /** The patch failed, and the application runs exactly what it ran before, state included. */
  private void assertNothingChanged(ClassLoader core, ClassLoader app) {
    assertThat(application.runtime().version()).isZero();
    assertThat(application.runtime().loader("core")).isSameAs(core);
    assertThat(application.runtime().loader("app")).isSameAs(app);
    assertThat(application.call("app", "demo.app.App", "run")).isEqualTo("app0+core0:2");
  }

  @Test
  void throwingInitializerRollsBackTheWholePatch() {
    startAndRunOnce();
    ClassLoader core = application.runtime().loader("core");
    ClassLoader app = application.runtime().loader("app");

    PatchResult result =
        application.patch(
            core(1),
            app(
                1,
                "static final Object CONFIG = load(); static Object load() { throw new"
                    + " IllegalStateException(\"no config\"); }"));

    assertThat(result.ok()).isFalse();
    assertThat(result.error())
        .isEqualTo(
            "Static initializer of demo.app.App failed: java.lang.IllegalStateException: no"
                + " config (at demo.app.App.load(App.java:4))");
    assertNothingChanged(core, app);
  }

  @Test
  void classThatFailsVerificationRollsBackThePatch() throws IOException {
    startAndRunOnce();
    ClassLoader core = application.runtime().loader("core");
    ClassLoader app = application.runtime().loader("app");
    ModuleVersion broken = app(1, "");
    breakMethod(broken.classes().get(0).resolve("demo/app/App.class"), "run");

    PatchResult result = application.patch(core(1), broken);

    assertThat(result.ok()).isFalse();
    assertThat(result.error())
        .startsWith("Class demo.app.App of module app@v1 cannot be loaded: java.lang.VerifyError");
    assertNothingChanged(core, app);
  }

  @Test
  void objectThatCannotBeReinstancedRollsBackThePatch() {
    String holder =
        """
        package demo.app;
        public final class Holder {
          static Range range = new Range(-1, 5);
          public static Object range() { return range; }
        }
        """;
    application.start(
        core(0),
        application.build(
            "app",
            0,
            List.of("core"),
            Map.of(
                "demo.app.Holder",
                holder,
                "demo.app.Range",
                "package demo.app; public record Range(int from, int to) {}")));
    Object range = application.call("app", "demo.app.Holder", "range");

    PatchResult result =
        application.patch(
            application.build(
                "app",
                1,
                List.of("core"),
                Map.of(
                    "demo.app.Holder",
                    holder.replace("-1", "0"),
                    "demo.app.Range",
                    """
                    package demo.app;
                    public record Range(int from, int to) {
                      public Range {
                        if (from < 0) throw new IllegalArgumentException("negative from " + from);
                      }
                    }
                    """)));

    assertThat(result.ok()).isFalse();
    assertThat(result.error())
        .contains("demo.app.Holder")
        .contains("The canonical constructor of the record demo.app.Range refused the old values")
        .contains("negative from -1");
    assertThat(application.call("app", "demo.app.Holder", "range")).isSameAs(range);
    assertThat(application.runtime().version()).isZero();
  }

  @Test
  void throwingOnReloadHookRollsBackThePatch() {
    startAndRunOnce();
    ClassLoader core = application.runtime().loader("core");
    ClassLoader app = application.runtime().loader("app");

    PatchResult result =
        application.patch(
            core(1),
            app(
                1,
                "@dev.hotpatch.OnReload static void check() { throw new"
                    + " IllegalStateException(\"migration refused\"); }"));

    assertThat(result.ok()).isFalse();
    assertThat(result.error())
        .isEqualTo(
            "@OnReload method demo.app.App.check() threw java.lang.IllegalStateException:"
                + " migration refused");
    assertNothingChanged(core, app);
  }

  @Test
  void patchAfterARollbackAppliesAndCarriesTheStateOfTheOldVersion() {
    startAndRunOnce();
    application.patch(
        core(1), app(1, "static final Object CONFIG = Integer.valueOf(\"not a number\");"));

    PatchResult result = application.patch(core(2), app(2, ""));

    assertThat(result.ok()).as(result.error()).isTrue();
    assertThat(application.call("app", "demo.app.App", "run")).isEqualTo("app2+core2:2");
  }

  /** Replaces the body of {@code method} with code the verifier refuses. */
  private static void breakMethod(Path classFile, String method) throws IOException {
    ClassReader reader = new ClassReader(Files.readAllBytes(classFile));
    ClassWriter writer = new ClassWriter(0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (!name.equals(method)) {
              return next;
            }
            next.visitCode();
            next.visitInsn(Opcodes.ICONST_1);
            next.visitInsn(Opcodes.ARETURN);
            next.visitMaxs(1, 0);
            next.visitEnd();
            return null;
          }
        },
        0);
    Files.write(classFile, writer.toByteArray());
  }
}
