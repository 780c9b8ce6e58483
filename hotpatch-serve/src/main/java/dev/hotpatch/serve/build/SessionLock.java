package dev.hotpatch.serve.build;

import dev.hotpatch.serve.ServeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One serve session per reactor: a second one would empty the session folder that the first one's
 * application loads its classes from. The operating system releases the lock when the holder's JVM
 * ends, however it ends, so a crashed session never blocks the next.
 */
public final class SessionLock implements AutoCloseable {
  // Kept reachable while the session runs: an unreachable channel is closed by the GC.
  private final FileChannel channel;

  private SessionLock(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * Locks {@code file} until {@link #close} and writes this process's id into it.
   *
   * @throws ServeException when another serve holds it
   */
  public static SessionLock acquire(Path file) throws IOException, ServeException {
    Files.createDirectories(file.getParent());
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by a session of this same JVM
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
      channel.close();
      throw new ServeException(
          "Another hotpatch:serve is running for this reactor"
              + (holder.isEmpty() ? "" : " (process " + holder + ")")
              + ", and a second one would replace the classes its application runs. Stop it"
              + " (Ctrl-C, or q + Enter, in its terminal) before starting serve again, or run"
              + " the second session from a copy of the reactor. Lock file: "
              + file);
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap(
            Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
    return new SessionLock(channel);
  }

  /** Releases the lock: closing the channel releases every lock taken through it. */
  @Override
  public void close() throws IOException {
    channel.close();
  }
}
