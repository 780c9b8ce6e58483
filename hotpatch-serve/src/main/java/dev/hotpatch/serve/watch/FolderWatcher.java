package dev.hotpatch.serve.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import io.methvin.watcher.visitor.FileTreeVisitor;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches folders recursively with the platform's native file events and hands over one batch per
 * burst of changes: a batch closes once nothing changed for the debounce interval. The interval is
 * short, so a burst may still go on while its batch is built: {@link #changedSince} tells, so that
 * such a batch is dropped for the next one, which holds all of it.
 *
 * <p>Editors that save by writing a temporary file and renaming it over the original delete the
 * file for a moment; editors that write in place empty it first. A burst whose last word on some
 * file is its deletion, or that leaves a file empty, therefore waits one more interval for the rest
 * of the save, so that no patch is built from a half-saved state.
 */
public final class FolderWatcher implements AutoCloseable {

  /**
   * The files of one burst, and when the burst's first and last changes were seen.
   *
   * @param files the changed files, and the deleted folders
   * @param overflow whether the platform dropped events, so that any file may have changed
   * @param firstSeenNanos when the first change of the burst was seen ({@link System#nanoTime})
   * @param lastSeenNanos when the last change of the burst was seen
   */
  public record Batch(Set<Path> files, boolean overflow, long firstSeenNanos, long lastSeenNanos) {}

  /** Guards {@link #watcher} and {@link #roots}, which {@link #watch} replaces. */
  private final Object watchers = new Object();

  private DirectoryWatcher watcher;
  private volatile WatchFilter filter;
  private List<Path> roots;
  private final ExecutorService watchThread;
  private final ScheduledExecutorService debounceThread;
  private final Duration debounce;
  private final Consumer<Batch> onBatch;

  /** The files of the burst so far, each with whether its last event was a deletion. */
  private Map<Path, Boolean> pending = new LinkedHashMap<>();

  private boolean overflow;
  private boolean waitedForHalfSaved;
  private long firstSeenNanos;
  private volatile long lastSeenNanos;
  private ScheduledFuture<?> flush;

  private FolderWatcher(
      List<Path> roots, WatchFilter filter, Duration debounce, Consumer<Batch> onBatch)
      throws IOException {
    this.filter = filter;
    this.roots = roots;
    this.debounce = debounce;
    this.onBatch = onBatch;
    // One thread per watcher; a second one only while watch() replaces the first.
    this.watchThread = Executors.newCachedThreadPool(daemon("hotpatch-watch"));
    this.debounceThread = Executors.newSingleThreadScheduledExecutor(daemon("hotpatch-debounce"));
    this.watcher = directoryWatcher(roots);
  }

  private DirectoryWatcher directoryWatcher(List<Path> roots) throws IOException {
    return DirectoryWatcher.builder()
        .paths(roots)
        .fileHashing(false)
        .fileTreeVisitor(this::visit)
        .listener(this::onEvent)
        .build();
  }

  /** Starts watching every existing folder of {@code roots} with what {@code filter} lets in. */
  public static FolderWatcher start(
      List<Path> roots, WatchFilter filter, Duration debounce, Consumer<Batch> onBatch)
      throws IOException {
    FolderWatcher folderWatcher = new FolderWatcher(existing(roots), filter, debounce, onBatch);
    folderWatcher.watcher.watchAsync(folderWatcher.watchThread);
    return folderWatcher;
  }

  private static List<Path> existing(List<Path> roots) {
    return roots.stream().filter(Files::isDirectory).distinct().toList();
  }

  /**
   * Watches {@code roots} with {@code filter} from now on, instead of what it watched: the build
   * files changed the folders that hold code. The new folders are watched before the old watch
   * ends, so no change in a folder both watch is missed; the burst under way goes on.
   */
  public void watch(List<Path> roots, WatchFilter filter) throws IOException {
    synchronized (watchers) {
      List<Path> next = existing(roots);
      this.filter = filter;
      if (next.equals(this.roots)) {
        return;
      }
      DirectoryWatcher replacement = directoryWatcher(next);
      replacement.watchAsync(watchThread);
      DirectoryWatcher replaced = watcher;
      watcher = replacement;
      this.roots = next;
      replaced.close();
    }
  }

  /**
   * Registers folders (at start, and each new one) and reports the files of a new folder, leaving
   * out what the filter skips: a {@code .git} or {@code target} folder is never watched.
   */
  private void visit(
      Path start, FileTreeVisitor.Callback onDirectory, FileTreeVisitor.Callback onFile)
      throws IOException {
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (filter.skips(dir)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            onDirectory.call(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            onFile.call(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            // Gone while we looked (a save's temporary file): its own events tell the rest.
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private void onEvent(DirectoryChangeEvent event) {
    DirectoryChangeEvent.EventType type = event.eventType();
    boolean deleted = type == DirectoryChangeEvent.EventType.DELETE;
    if (type != DirectoryChangeEvent.EventType.OVERFLOW) {
      Path path = event.path();
      // A new folder's files come as events of their own; a deleted folder takes its files along.
      boolean relevant =
          path != null
              && (event.isDirectory() ? deleted && !filter.skips(path) : filter.accepts(path));
      if (!relevant) {
        return;
      }
    }
    synchronized (this) {
      lastSeenNanos = System.nanoTime();
      if (pending.isEmpty() && !overflow) {
        firstSeenNanos = lastSeenNanos;
      }
      if (type == DirectoryChangeEvent.EventType.OVERFLOW) {
        overflow = true;
      } else {
        pending.remove(event.path());
        pending.put(event.path(), deleted);
      }
      schedule();
    }
  }

  private void schedule() {
    if (flush != null) {
      flush.cancel(false);
    }
    flush = debounceThread.schedule(this::flush, debounce.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void flush() {
    Batch batch;
    synchronized (this) {
      if (pending.isEmpty() && !overflow) {
        return;
      }
      if (!waitedForHalfSaved && halfSaved()) {
        waitedForHalfSaved = true;
        schedule();
        return;
      }
      batch = new Batch(Set.copyOf(pending.keySet()), overflow, firstSeenNanos, lastSeenNanos);
      pending = new LinkedHashMap<>();
      overflow = false;
      waitedForHalfSaved = false;
    }
    onBatch.accept(batch);
  }

  /** Whether a file of the burst so far is deleted or empty: a save that may be under way. */
  private boolean halfSaved() {
    for (Map.Entry<Path, Boolean> file : pending.entrySet()) {
      if (file.getValue() || isEmptyFile(file.getKey())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEmptyFile(Path path) {
    try {
      return Files.isRegularFile(path) && Files.size(path) == 0;
    } catch (IOException e) {
      return false; // gone meanwhile: its own event follows
    }
  }

  /**
   * Whether a change came after {@code batch}: the burst went on while the batch was being built,
   * and the next batch will hold it all.
   */
  public boolean changedSince(Batch batch) {
    return lastSeenNanos != batch.lastSeenNanos();
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() throws IOException {
    synchronized (watchers) {
      watcher.close();
    }
    watchThread.shutdownNow();
    debounceThread.shutdownNow();
  }
}
