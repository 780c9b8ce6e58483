package dev.hotpatch.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.diff.testing.InMemoryCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleSnapshotTest {
  private static final String GREETER =
      """
      package lib.text;
      public class Greeter {
        public Runnable greet() { return new Runnable() { public void run() {} }; }
      }
      """;

  @Test
  void readsTheClassFilesOfAFolderUnderTheirInternalNames(@TempDir Path dir) throws Exception {
    Map<String, byte[]> classes = InMemoryCompiler.compile(GREETER);
    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
      Path file = dir.resolve(e.getKey() + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
    Files.writeString(dir.resolve("lib/text/messages.properties"), "greeting=hi");

    ModuleSnapshot snapshot = ModuleSnapshot.ofDirectory(dir);

    assertThat(snapshot.classNames()).containsExactly("lib/text/Greeter", "lib/text/Greeter$1");
    assertThat(snapshot.bytes("lib.text.Greeter$1")).hasValue(classes.get("lib/text/Greeter$1"));
    assertThat(snapshot.toString()).contains("2 classes").contains(dir.toString());
    assertThat(ModuleDiff.compare(snapshot, ModuleSnapshot.of(classes)).isEmpty()).isTrue();
  }

  @Test
  void missingFolderIsATypedErrorNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("target/classes");

    assertThatThrownBy(() -> ModuleSnapshot.ofDirectory(missing))
        .isInstanceOfSatisfying(
            SnapshotReadException.class, e -> assertThat(e.directory()).isEqualTo(missing))
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("Compile the module first");
  }

  @Test
  void acceptsInternalBinaryAndFileNames() {
    byte[] bytes = InMemoryCompiler.compile(GREETER).get("lib/text/Greeter");

    ModuleSnapshot snapshot =
        ModuleSnapshot.of(
            Map.of("lib/text/A", bytes, "lib.text.B", bytes, "lib/text/C.class", bytes));

    assertThat(snapshot.classNames()).containsExactly("lib/text/A", "lib/text/B", "lib/text/C");
    assertThat(snapshot.contains("lib.text.C")).isTrue();
    assertThat(snapshot.size()).isEqualTo(3);
  }

  @Test
  void rejectsTwoEntriesForOneClass() {
    Map<String, byte[]> classes = new HashMap<>();
    classes.put("lib/A", new byte[0]);
    classes.put("lib.A", new byte[0]);

    assertThatThrownBy(() -> ModuleSnapshot.of(classes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lib.A");
  }

  @Test
  void bytesGoInAndOutAsCopies() {
    byte[] original = InMemoryCompiler.compile(GREETER).get("lib/text/Greeter");
    byte[] given = original.clone();
    ModuleSnapshot snapshot = ModuleSnapshot.of(Map.of("lib/text/Greeter", given));

    given[10] ^= 1;
    snapshot.bytes("lib/text/Greeter").orElseThrow()[10] ^= 1;

    assertThat(snapshot.bytes("lib/text/Greeter")).hasValue(original);
  }
}
