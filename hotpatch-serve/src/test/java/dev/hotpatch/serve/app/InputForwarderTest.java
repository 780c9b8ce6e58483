package dev.hotpatch.serve.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class InputForwarderTest {
  /**
   * Bytes 'a' to 'z' over and over, never a line break: what {@code < /dev/zero} is to a reader.
   */
  static final class NoLineBreaks extends InputStream {
    private final long length;
    private long position;

    NoLineBreaks(long length) {
      this.length = length;
    }

    @Override
    public int read() {
      return position < length ? 'a' + (int) (position++ % 26) : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
      if (position >= length) {
        return -1;
      }
      int n = (int) Math.min(count, length - position);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = (byte) ('a' + (int) (position++ % 26));
      }
      return n;
    }
  }

  /** Counts and checksums what it is given, keeping none of it. */
  static final class Checksum extends OutputStream {
    final CRC32 crc = new CRC32();
    long count;

    @Override
    public void write(int b) {
      crc.update(b);
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      crc.update(bytes, offset, length);
      count += length;
    }
  }

  static long expectedCrc(long length) throws Exception {
    Checksum checksum = new Checksum();
    new NoLineBreaks(length).transferTo(checksum);
    return checksum.crc.getValue();
  }

  @Test
  void inputWithoutLineBreaksReachesTheApplicationWholeAndInOrder() throws Exception {
    long length = 16L << 20;
    for (boolean terminal : List.of(false, true)) {
      Checksum application = new Checksum();
      List<String> commands = new ArrayList<>();

      new InputForwarder(
              new NoLineBreaks(length),
              StandardCharsets.UTF_8,
              () -> application,
              terminal ? line -> isCommand(line) && commands.add(line) : null)
          .run();

      assertThat(application.count).as("terminal %s", terminal).isEqualTo(length);
      assertThat(application.crc.getValue()).isEqualTo(expectedCrc(length));
      assertThat(commands).isEmpty();
    }
  }

  @Test
  void onATerminalRAndQAreCommandsAndEveryOtherLineIsForwarded() {
    ByteArrayOutputStream application = new ByteArrayOutputStream();
    List<String> commands = new ArrayList<>();
    String input = "hello\n r \nrr\nq\n" + "x".repeat(10_000) + "\nr\nlast";

    new InputForwarder(
            new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8,
            () -> application,
            line -> isCommand(line) && commands.add(line))
        .run();

    assertThat(commands).containsExactly("r", "q", "r");
    assertThat(application.toString(StandardCharsets.UTF_8))
        .isEqualTo("hello\nrr\n" + "x".repeat(10_000) + "\nlast");
  }

  /** serve's commands on a terminal. */
  private static boolean isCommand(String line) {
    return line.equals("r") || line.equals("q");
  }

  /**
   * In a JVM of 16 MB, far more input without a line break than fits in it goes through: serve
   * holds no more of it than a buffer.
   */
  @Test
  void inputWithoutLineBreaksNeedsNoMoreMemoryThanABuffer() throws Exception {
    long length = 256L << 20;
    Process forwarder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m",
                "-cp",
                System.getProperty("java.class.path"),
                ForwardWithoutLineBreaks.class.getName(),
                Long.toString(length))
            .redirectErrorStream(true)
            .start();
    assertThat(forwarder.waitFor(120, TimeUnit.SECONDS)).as("forwarded in time").isTrue();
    String output = new String(forwarder.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(forwarder.exitValue()).as(output).isZero();
    assertThat(output.strip()).isEqualTo(length + " " + expectedCrc(length));
  }

  /** Forwards its argument's count of bytes on a terminal, then prints count and checksum. */
  public static final class ForwardWithoutLineBreaks {
    public static void main(String[] args) {
      Checksum application = new Checksum();
      new InputForwarder(
              new NoLineBreaks(Long.parseLong(args[0])),
              StandardCharsets.UTF_8,
              () -> application,
              command -> false)
          .run();
      System.out.println(application.count + " " + application.crc.getValue());
    }
  }
}
