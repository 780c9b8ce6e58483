package dev.hotpatch.runtime.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.runtime.ModulePatch;
import dev.hotpatch.runtime.ModuleVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchAdmissionTest {
  private static final long PID = 4242;

  @TempDir Path folder;
  private Path session;
  private PatchAdmission admission;

  @BeforeEach
  void createSession() throws Exception {
    session = Files.createDirectories(folder.resolve("ws/target/hotpatch/session"));
    Files.createDirectories(session.resolve("core/b1"));
    Files.createDirectories(session.resolve("core/b2"));
    admission = new PatchAdmission(PID, "s.1", List.of(session));
  }

  private static PatchMessages.Patch patch(long id, long pid, String build, Path classes) {
    return new PatchMessages.Patch(
        id,
        pid,
        build,
        List.of(ModulePatch.newLoader(new ModuleVersion("core", 1, List.of(classes), List.of()))),
        Map.of());
  }

  @Test
  void aPatchOfThisProcessAndBuildFromTheSessionIsAdmitted() throws Exception {
    admission.check(patch(1, PID, "s.1", session.resolve("core/b1")));
    admission.check(patch(2, PID, "s.1", session.resolve("core/b2")));
  }

  @Test
  void anotherProcessIsRefused() {
    assertThatThrownBy(() -> admission.check(patch(1, 99, "s.1", session.resolve("core/b1"))))
        .isInstanceOfSatisfying(BadMessageException.class, e -> assertThat(e.patchId()).hasValue(1))
        .hasMessage(
            "Patch 1 refused: it is meant for process 99, this is process 4242. Nothing was"
                + " applied.");
  }

  @Test
  void anotherBuildIsRefused() {
    assertThatThrownBy(() -> admission.check(patch(1, PID, "s.2", session.resolve("core/b1"))))
        .hasMessageContaining("it is meant for build \"s.2\", this is build \"s.1\"");
  }

  @Test
  void aReplayedOrOlderNumberIsRefused() throws Exception {
    admission.check(patch(5, PID, "s.1", session.resolve("core/b1")));
    assertThatThrownBy(() -> admission.check(patch(5, PID, "s.1", session.resolve("core/b2"))))
        .hasMessageContaining("Patch 5 refused: patch 5 came already");
    assertThatThrownBy(() -> admission.check(patch(3, PID, "s.1", session.resolve("core/b2"))))
        .hasMessageContaining("Patch 3 refused");
  }

  @Test
  void aRefusedPatchDoesNotUseUpItsNumber() throws Exception {
    assertThatThrownBy(() -> admission.check(patch(1, 99, "s.1", session.resolve("core/b1"))))
        .isInstanceOf(BadMessageException.class);
    admission.check(patch(1, PID, "s.1", session.resolve("core/b1")));
  }

  @Test
  void traversalOutOfTheSessionIsRefused() throws Exception {
    Path outside = Files.createDirectories(folder.resolve("ws/elsewhere"));
    Path traversal = session.resolve("core/../../../../elsewhere");
    assertThat(traversal.normalize()).isEqualTo(outside.normalize());

    assertThatThrownBy(() -> admission.check(patch(1, PID, "s.1", traversal)))
        .hasMessageContaining("Patch 1 refused: the class folder " + traversal)
        .hasMessageContaining("lies outside the session's output area");
  }

  @Test
  void aSymbolicLinkOutOfTheSessionIsRefused() throws Exception {
    Path outside = Files.createDirectories(folder.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(session.resolve("core/b3"), outside);

    assertThatThrownBy(() -> admission.check(patch(1, PID, "s.1", link)))
        .hasMessageContaining("the class folder " + link + " (really " + outside.toRealPath())
        .hasMessageContaining("lies outside the session's output area");
  }

  @Test
  void aRelativeOrMissingFolderIsRefused() {
    assertThatThrownBy(() -> admission.check(patch(1, PID, "s.1", Path.of("core/b1"))))
        .hasMessageContaining("is not absolute");
    assertThatThrownBy(() -> admission.check(patch(1, PID, "s.1", session.resolve("core/b9"))))
        .hasMessageContaining("does not exist");
  }

  @Test
  void withoutRootsNothingIsAdmitted() {
    PatchAdmission closed = new PatchAdmission(PID, "s.1", List.of());
    assertThatThrownBy(() -> closed.check(patch(1, PID, "s.1", session.resolve("core/b1"))))
        .hasMessageContaining("(the launch manifest names none)");
  }
}
