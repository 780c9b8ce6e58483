package dev.hotpatch.serve.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatcherTest {
  private static final Duration DEBOUNCE = Duration.ofMillis(200);

  @TempDir Path dir;
  private Path sources;
  private Path greeter;
  private final BlockingQueue<FolderWatcher.Batch> batches = new LinkedBlockingQueue<>();
  private FolderWatcher watcher;

  @BeforeEach
  void watch() throws Exception {
    sources = dir.resolve("src/main/java");
    greeter = sources.resolve("com/example/Greeter.java");
    Files.createDirectories(greeter.getParent());
    Files.writeString(greeter, "class Greeter {}");
    Files.createDirectories(dir.resolve("target/classes"));
    watcher =
        FolderWatcher.start(
            List.of(sources, dir.resolve("missing")),
            WatchFilter.code(".java", List.of(dir.resolve("target"))),
            DEBOUNCE,
            batches::add);
  }

  @AfterEach
  void stop() throws Exception {
    watcher.close();
  }

  private FolderWatcher.Batch nextBatch() throws InterruptedException {
    FolderWatcher.Batch batch = batches.poll(10, TimeUnit.SECONDS);
    assertThat(batch).as("a batch").isNotNull();
    return batch;
  }

  private void assertNoMoreBatches() throws InterruptedException {
    assertThat(batches.poll(3 * DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aSaveInPlaceIsOneBatch() throws Exception {
    Files.writeString(greeter, "class Greeter { int a; }");
    assertThat(nextBatch().files()).containsExactly(greeter);
    assertNoMoreBatches();
  }

  @Test
  void aVimSaveThroughABackupIsOneBatchOfTheSource() throws Exception {
    Path probe = greeter.resolveSibling("4913");
    Files.writeString(probe, "");
    Files.delete(probe);
    Path backup = greeter.resolveSibling("Greeter.java~");
    Files.writeString(greeter.resolveSibling(".Greeter.java.swp"), "swap");
    Files.move(greeter, backup);
    Files.writeString(greeter, "class Greeter { int b; }");
    Files.delete(backup);

    assertThat(nextBatch().files()).containsExactly(greeter);
    assertNoMoreBatches();
  }

  @Test
  void anIntellijSafeWriteIsOneBatchOfTheSource() throws Exception {
    Path temporary = greeter.resolveSibling("Greeter.java___jb_tmp___");
    Path old = greeter.resolveSibling("Greeter.java___jb_old___");
    Files.writeString(temporary, "class Greeter { int c; }");
    Files.move(greeter, old);
    Files.move(temporary, greeter);
    Files.delete(old);

    assertThat(nextBatch().files()).containsExactly(greeter);
    assertNoMoreBatches();
  }

  @Test
  void aSourceThatComesBackWithinTwoIntervalsIsOneBatch() throws Exception {
    Path temporary = dir.resolve("Greeter.tmp");
    Files.writeString(temporary, "class Greeter { int d; }");
    Files.delete(greeter);
    Thread.sleep(DEBOUNCE.toMillis() + DEBOUNCE.toMillis() / 4);
    Files.move(temporary, greeter, StandardCopyOption.ATOMIC_MOVE);

    FolderWatcher.Batch batch = nextBatch();
    assertThat(batch.files()).containsExactly(greeter);
    assertThat(batch.overflow()).isFalse();
    assertNoMoreBatches();
  }

  @Test
  void aSourceEmptiedAndWrittenWithinTwoIntervalsIsOneBatch() throws Exception {
    // An editor that saves in place, slowed down between emptying the file and writing it.
    Files.writeString(greeter, "");
    Thread.sleep(DEBOUNCE.toMillis() + DEBOUNCE.toMillis() / 4);
    Files.writeString(greeter, "class Greeter { int f; }");

    assertThat(nextBatch().files()).containsExactly(greeter);
    assertNoMoreBatches();
  }

  @Test
  void editorFilesAloneMakeNoBatch() throws Exception {
    Files.createSymbolicLink(greeter.resolveSibling(".#Greeter.java"), Path.of("user@host.1:1"));
    Files.writeString(greeter.resolveSibling("#Greeter.java#"), "autosave");
    Files.writeString(greeter.resolveSibling(".Greeter.java.swp"), "swap");
    assertNoMoreBatches();
  }

  @Test
  void aSourceInANewPackageIsReported() throws Exception {
    Path added = sources.resolve("com/example/deep/er/Added.java");
    Files.createDirectories(added.getParent());
    Files.writeString(added, "package com.example.deep.er; class Added {}");
    assertThat(nextBatch().files()).contains(added);

    // The new folders are watched from now on.
    Files.writeString(added, "package com.example.deep.er; class Added { int e; }");
    assertThat(nextBatch().files()).containsExactly(added);
  }

  @Test
  void aDeletedSourceIsReported() throws Exception {
    Files.delete(greeter);
    assertThat(nextBatch().files()).containsExactly(greeter);
  }

  @Test
  void aPackageMovedAwayIsReportedAsItsFolder() throws Exception {
    Path other = sources.resolve("com/other/Other.java");
    Files.createDirectories(other.getParent());
    Files.writeString(other, "package com.other; class Other {}");
    nextBatch();

    Files.move(other.getParent(), dir.resolve("outside"));
    assertThat(nextBatch().files()).containsExactly(other.getParent());
  }

  @Test
  void versionControlFoldersAreNotWatched() throws Exception {
    Path git = sources.resolve(".git/objects");
    Files.createDirectories(git);
    assertNoMoreBatches();
    Files.writeString(git.resolve("Looks.java"), "class Looks {}");
    assertNoMoreBatches();
  }
}
