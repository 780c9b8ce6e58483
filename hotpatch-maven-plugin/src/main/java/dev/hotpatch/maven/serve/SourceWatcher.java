package dev.hotpatch.maven.serve;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches source folders recursively with the platform's native file events and hands over one
 * batch per burst of saves: a batch closes once no file changed for the debounce interval.
 */
final class SourceWatcher implements AutoCloseable {

  /** The files of one burst, and when the burst's first change was seen. */
  record Batch(Set<Path> files, long firstSeenNanos) {}

  private final DirectoryWatcher watcher;
  private final ExecutorService watchThread;
  private final ScheduledExecutorService debounceThread;
  private final Duration debounce;
  private final Consumer<Batch> onBatch;
  private Set<Path> pending = new LinkedHashSet<>();
  private long firstSeenNanos;
  private ScheduledFuture<?> flush;

  private SourceWatcher(List<Path> roots, Duration debounce, Consumer<Batch> onBatch)
      throws IOException {
    this.debounce = debounce;
    this.onBatch = onBatch;
    this.watchThread = Executors.newSingleThreadExecutor(daemon("hotpatch-watch"));
    this.debounceThread = Executors.newSingleThreadScheduledExecutor(daemon("hotpatch-debounce"));
    this.watcher =
        DirectoryWatcher.builder().paths(roots).fileHashing(false).listener(this::onEvent).build();
  }

  /** Starts watching every existing folder of {@code roots}. */
  static SourceWatcher start(List<Path> roots, Duration debounce, Consumer<Batch> onBatch)
      throws IOException {
    List<Path> existing = roots.stream().filter(Files::isDirectory).distinct().toList();
    SourceWatcher sourceWatcher = new SourceWatcher(existing, debounce, onBatch);
    sourceWatcher.watcher.watchAsync(sourceWatcher.watchThread);
    return sourceWatcher;
  }

  private void onEvent(DirectoryChangeEvent event) {
    Path path = event.path();
    if (event.isDirectory() || path == null || !path.toString().endsWith(".java")) {
      return;
    }
    synchronized (this) {
      if (pending.isEmpty()) {
        firstSeenNanos = System.nanoTime();
      }
      pending.add(path);
      if (flush != null) {
        flush.cancel(false);
      }
      flush = debounceThread.schedule(this::flush, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void flush() {
    Batch batch;
    synchronized (this) {
      if (pending.isEmpty()) {
        return;
      }
      batch = new Batch(Set.copyOf(pending), firstSeenNanos);
      pending = new LinkedHashSet<>();
    }
    onBatch.accept(batch);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() throws IOException {
    watcher.close();
    watchThread.shutdownNow();
    debounceThread.shutdownNow();
  }
}
