package dev.hotpatch.serve;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where serve reads the keyboard and writes its own lines, and where the application's output goes:
 * the process's own for a front end such as the Maven plugin, others for a test that runs the
 * engine in its own JVM.
 *
 * @param in what serve passes to the application (and reads {@code r} and {@code q} from)
 * @param out where serve's {@code [hotpatch]} lines go
 * @param applicationOutput a file that gets the application's standard output and error, appended;
 *     null for serve's own, which the application then inherits, unchanged and unbuffered
 */
public record ServeStreams(InputStream in, PrintStream out, Path applicationOutput) {

  /** serve's own standard streams, which the application shares. */
  public static ServeStreams system() {
    return new ServeStreams(System.in, System.out, null);
  }
}
