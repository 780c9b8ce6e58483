package dev.hotpatch.serve.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WatchFilterTest {
  private static final Path ROOT = Path.of("/work/lib");
  private static final Path SOURCES = ROOT.resolve("src/main/java/com/example");
  private final WatchFilter sources = WatchFilter.code(".java", List.of(ROOT.resolve("target")));

  @Test
  void aJavaSourceMatters() {
    assertThat(sources.accepts(SOURCES.resolve("Greeter.java"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".#Greeter.java", // Emacs lock
        "#Greeter.java#", // Emacs auto-save
        "Greeter.java~", // backup
        ".Greeter.java.swp", // Vim swap
        ".Greeter.java.swo",
        ".Greeter.java.swx",
        "4913", // Vim's probe
        "Greeter.java___jb_tmp___", // IntelliJ safe write
        "Greeter.java___jb_old___",
        "notes.txt"
      })
  void editorFilesAndOtherFilesDoNotMatter(String name) {
    assertThat(sources.accepts(SOURCES.resolve(name))).isFalse();
  }

  @Test
  void nothingUnderTheBuildDirectoryMatters() {
    Path generated = ROOT.resolve("target/generated-sources/annotations/com/example/Gen.java");
    assertThat(sources.accepts(generated)).isFalse();
    assertThat(sources.skips(ROOT.resolve("target"))).isTrue();
    assertThat(sources.skips(ROOT.resolve("target/generated-sources"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {".git", ".hg", ".svn", ".bzr", "_darcs"})
  void versionControlFoldersAreNotWatched(String name) {
    assertThat(sources.skips(SOURCES.resolve(name))).isTrue();
  }

  @Test
  void packageFoldersAreWatched() {
    assertThat(sources.skips(SOURCES.resolve("target"))).isFalse();
    assertThat(sources.skips(SOURCES.resolve("util"))).isFalse();
  }

  @Test
  void classFilesMatterWhenWatchingClassFolders() {
    WatchFilter classes = WatchFilter.code(".class", List.of());
    Path folder = ROOT.resolve("target/classes/com/example");
    assertThat(classes.accepts(folder.resolve("Greeter.class"))).isTrue();
    assertThat(classes.accepts(folder.resolve("Greeter$1.class"))).isTrue();
    assertThat(classes.accepts(folder.resolve("Greeter.java"))).isFalse();
    assertThat(classes.skips(folder)).isFalse();
  }

  @Test
  void aSingleFileFilterWatchesOnlyThatFileAndNoSubfolder() {
    Path restart = ROOT.resolve("target/hotpatch/restart");
    WatchFilter single = WatchFilter.single(restart);
    assertThat(single.accepts(restart)).isTrue();
    assertThat(single.accepts(restart.resolveSibling("other"))).isFalse();
    assertThat(single.skips(restart.getParent())).isFalse();
    assertThat(single.skips(restart.resolveSibling("session"))).isTrue();
  }
}
