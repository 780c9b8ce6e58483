package dev.hotpatch.diff.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.diff.ModuleDiff;
import dev.hotpatch.diff.ModuleSnapshot;
import dev.hotpatch.diff.change.ChangeKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

class SyntheticModuleTest {

  @Test
  void generatedClassesPassTheVerifier() {
    for (byte[] bytes : SyntheticModule.generate(3, 1).values()) {
      StringWriter problems = new StringWriter();
      CheckClassAdapter.verify(new ClassReader(bytes), false, new PrintWriter(problems));
      assertThat(problems.toString()).isEmpty();
    }
  }

  @Test
  void changingOneClassOfTheBenchmarkModuleGivesOneBodyOnlyChange() {
    ModuleSnapshot before = ModuleSnapshot.of(SyntheticModule.generate(250, -1));
    ModuleSnapshot after = ModuleSnapshot.of(SyntheticModule.generate(250, 125));

    ModuleDiff diff = ModuleDiff.compare(before, after);

    assertThat(diff.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.className()).isEqualTo(SyntheticModule.name(125));
              assertThat(c.kind()).isEqualTo(ChangeKind.BODY_ONLY);
              assertThat(c.changedMethods()).containsExactly("compute(I)I");
            });
  }
}
