import java.util.Arrays;
import org.apache.maven.cli.MavenCli;

/**
 * Runs Maven in this JVM through maven-embedder's MavenCli, as an IDE or the Maven daemon does:
 * the first argument is the project folder, the rest Maven's arguments. Prints what doMain returned
 * and that this JVM is still there, then exits with 0.
 */
public final class EmbeddedMaven {
  public static void main(String[] args) {
    System.setProperty("maven.multiModuleProjectDirectory", args[0]);
    int code =
        new MavenCli()
            .doMain(Arrays.copyOfRange(args, 1, args.length), args[0], System.out, System.err);
    System.out.println("embedded Maven returned " + code + "; its JVM goes on");
    System.exit(0);
  }
}
