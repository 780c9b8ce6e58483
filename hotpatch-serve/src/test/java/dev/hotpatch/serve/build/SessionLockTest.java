package dev.hotpatch.serve.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.serve.ServeException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLockTest {
  /** Another serve: locks the file, writes its pid, and holds the lock until its stdin closes. */
  private static final String HOLDER =
      """
      import java.nio.channels.FileChannel;
      import java.nio.file.*;
      class Holder {
        public static void main(String[] args) throws Exception {
          FileChannel channel = FileChannel.open(Path.of(args[0]),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          channel.lock();
          channel.write(java.nio.ByteBuffer.wrap(
              Long.toString(ProcessHandle.current().pid()).getBytes()));
          System.out.println("locked");
          System.in.read();
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void aSecondSessionOfTheSameReactorIsRefusedUntilTheFirstEnds() throws Exception {
    Path lock = dir.resolve("target/hotpatch/serve.lock");
    Files.createDirectories(lock.getParent());
    Path holder = Files.writeString(dir.resolve("Holder.java"), HOLDER);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process first = new ProcessBuilder(java.toString(), holder.toString(), lock.toString()).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");

      assertThatThrownBy(() -> SessionLock.acquire(lock))
          .isInstanceOf(ServeException.class)
          .hasMessage(
              "Another hotpatch:serve is running for this reactor (process "
                  + first.pid()
                  + "), and a second one would replace the classes its application runs. Stop it"
                  + " (Ctrl-C, or q + Enter, in its terminal) before starting serve again, or run"
                  + " the second session from a copy of the reactor. Lock file: "
                  + lock);

      first.getOutputStream().close();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      try (SessionLock mine = SessionLock.acquire(lock)) {
        assertThat(Files.readString(lock)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThatThrownBy(() -> SessionLock.acquire(lock)).isInstanceOf(ServeException.class);
      }
      // A session that ended in this JVM (as under a Maven daemon) does not block the next.
      SessionLock.acquire(lock).close();
    } finally {
      first.destroyForcibly();
    }
  }
}
