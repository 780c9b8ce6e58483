package dev.hotpatch.serve.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.diff.ModuleDiff;
import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.change.ChangeKind;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class DryChangesTest {
  private final ModuleSnapshot classes =
      ModuleSnapshot.of(
          Map.of(
              "lib/A", type("lib/A", false),
              "lib/B", type("lib/B", false),
              "lib/C", type("lib/C", false),
              "lib/D", type("lib/D", true)));

  @Test
  void theFirstClassChangesStructurallyTheSecondInABodyTheOthersNot() {
    Map<String, byte[]> changed = DryChanges.of(classes, 3);

    assertThat(changed).containsOnlyKeys("lib/A", "lib/B", "lib/C");
    ModuleDiff diff = ModuleDiff.compare(classes, classes.derive(changed, Set.of()));
    assertThat(diff.kindOf("lib/A")).isEqualTo(ChangeKind.STRUCTURAL);
    assertThat(diff.kindOf("lib/B")).isEqualTo(ChangeKind.BODY_ONLY);
    assertThat(diff.kindOf("lib/C")).isEqualTo(ChangeKind.UNCHANGED);
    assertThat(diff.kindOf("lib/D")).isEqualTo(ChangeKind.UNCHANGED);
  }

  @Test
  void oneClassIsTheStructuralChange() {
    Map<String, byte[]> changed = DryChanges.of(classes, 1);

    ModuleDiff diff = ModuleDiff.compare(classes, classes.derive(changed, Set.of()));
    assertThat(diff.changes()).hasSize(1);
    assertThat(diff.kindOf("lib/A")).isEqualTo(ChangeKind.STRUCTURAL);
  }

  @Test
  void theStructuralChangeSkipsAnInterfaceThatComesFirst() {
    ModuleSnapshot interfaceFirst =
        ModuleSnapshot.of(
            Map.of(
                "lib/A", type("lib/A", true),
                "lib/B", type("lib/B", false),
                "lib/C", type("lib/C", false)));

    Map<String, byte[]> changed = DryChanges.of(interfaceFirst, 1);

    assertThat(changed).containsOnlyKeys("lib/B");
    ModuleDiff diff = ModuleDiff.compare(interfaceFirst, interfaceFirst.derive(changed, Set.of()));
    assertThat(diff.kindOf("lib/B")).isEqualTo(ChangeKind.STRUCTURAL);
  }

  /** A class with a method {@code int value()}, or an interface that declares it. */
  private static byte[] type(String name, boolean isInterface) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    int access =
        Opcodes.ACC_PUBLIC | (isInterface ? Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT : 0);
    writer.visit(Opcodes.V17, access, name, null, "java/lang/Object", null);
    if (isInterface) {
      writer
          .visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "value", "()I", null, null)
          .visitEnd();
    } else {
      MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC, "value", "()I", null, null);
      method.visitCode();
      method.visitInsn(Opcodes.ICONST_1);
      method.visitInsn(Opcodes.IRETURN);
      method.visitMaxs(0, 0);
      method.visitEnd();
    }
    writer.visitEnd();
    return writer.toByteArray();
  }
}
