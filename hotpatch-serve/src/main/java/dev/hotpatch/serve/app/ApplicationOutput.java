package dev.hotpatch.serve.app;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * Where an application's standard output and error go: serve's own streams or a file, unchanged,
 * or, when serve runs several applications, every line labelled with the application's name.
 */
public final class ApplicationOutput {
  private final Path file;
  private final byte[] label;

  private ApplicationOutput(Path file, byte[] label) {
    this.file = file;
    this.label = label;
  }

  /**
   * Unchanged: with no file, the application inherits serve's streams and writes to them directly,
   * unbuffered.
   *
   * @param file a file to append to, or null for serve's own streams
   */
  public static ApplicationOutput unchanged(Path file) {
    return new ApplicationOutput(file, null);
  }

  /**
   * Every line starts with {@code name | }.
   *
   * @param file a file to append to, or null for serve's own streams
   */
  public static ApplicationOutput labelled(String name, Path file) {
    return new ApplicationOutput(file, (name + " | ").getBytes(Charset.defaultCharset()));
  }

  ProcessBuilder.Redirect redirect() {
    if (label != null) {
      return ProcessBuilder.Redirect.PIPE;
    }
    return file == null
        ? ProcessBuilder.Redirect.INHERIT
        : ProcessBuilder.Redirect.appendTo(file.toFile());
  }

  /** Starts copying the started {@code process}'s output, when it is labelled. */
  void attach(Process process, String threadName) throws IOException {
    if (label == null) {
      return;
    }
    start(new LabelledLines(process.getInputStream(), target(System.out), label), threadName);
    start(new LabelledLines(process.getErrorStream(), target(System.err), label), threadName);
  }

  /** Serve's own stream, or the file, opened for one copy that closes it when its stream ends. */
  private OutputStream target(OutputStream own) throws IOException {
    return file == null ? own : new FileOutputStream(file.toFile(), true);
  }

  private static void start(Runnable copy, String name) {
    Thread thread = new Thread(copy, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Copies a stream as it comes, writing the label before the first byte of every line. */
  static final class LabelledLines implements Runnable {
    private final InputStream in;
    private final OutputStream out;
    private final byte[] label;

    LabelledLines(InputStream in, OutputStream out, byte[] label) {
      this.in = in;
      this.out = out;
      this.label = label;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      boolean lineStart = true;
      try (in) {
        for (int read; (read = in.read(buffer)) >= 0; ) {
          ByteArrayOutputStream chunk = new ByteArrayOutputStream(read + 64);
          for (int i = 0; i < read; i++) {
            if (lineStart) {
              chunk.write(label);
            }
            chunk.write(buffer[i]);
            lineStart = buffer[i] == '\n';
          }
          // One write per chunk: lines of two applications do not cut into each other.
          synchronized (out) {
            chunk.writeTo(out);
            out.flush();
          }
        }
      } catch (IOException e) {
        // The application ended, or serve's output is gone: nothing left to copy.
      } finally {
        if (out instanceof FileOutputStream opened) {
          try {
            opened.close();
          } catch (IOException e) {
            // Nothing left to write to it.
          }
        }
      }
    }
  }
}
