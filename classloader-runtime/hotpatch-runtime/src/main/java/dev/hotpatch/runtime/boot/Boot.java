package dev.hotpatch.runtime.boot;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Main class of the application JVM started by {@code hotpatch:serve}.
 *
 * <pre>
 * java -javaagent:hotpatch-runtime.jar -cp hotpatch-runtime.jar \
 *      dev.hotpatch.runtime.boot.Boot &lt;hotpatch-api.jar&gt; &lt;launch.json&gt;
 * </pre>
 *
 * <p>Boot uses the JDK only: the system class loader that loaded it must stay free of everything
 * the application could see. It builds the api loader and an isolated loader for the runtime, and
 * hands over to {@code RuntimeMain} inside that loader, which builds the application's loaders and
 * runs its main method.
 */
public final class Boot {
  static final String ENTRY_CLASS = "dev.hotpatch.runtime.launch.RuntimeMain";
  private static final String PREFIX = "[hotpatch] ";

  private Boot() {}

  /**
   * Starts the application.
   *
   * @throws Throwable whatever the application's main method throws, unchanged, so that the {@code
   *     java} launcher reports it and exits with status 1 as it would without hotpatch
   */
  public static void main(String[] args) throws Throwable {
    if (args.length != 2) {
      usage("expected 2 arguments, got " + args.length);
      return;
    }
    Path apiJar = Path.of(args[0]);
    Path launchJson = Path.of(args[1]);
    if (!Files.exists(apiJar)) {
      usage("the hotpatch-api jar " + apiJar + " does not exist");
      return;
    }

    ClassLoader api =
        new URLClassLoader(
            "hotpatch-api", new URL[] {url(apiJar)}, ClassLoader.getPlatformClassLoader());
    // The parent is the api loader, not the system loader: the runtime gets its own copy of its
    // classes and of its relocated dependencies, and shares only the API with the application.
    ClassLoader runtime = new URLClassLoader("hotpatch-runtime", runtimeClassPath(), api);

    Thread.currentThread().setContextClassLoader(runtime);
    Method run =
        Class.forName(ENTRY_CLASS, true, runtime).getMethod("run", Object.class, Path.class);
    try {
      run.invoke(null, Agent.instrumentation(), launchJson);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * The jar this class came from, then the rest of the system class path.
   *
   * <p>Under {@code serve} both are the one shaded runtime jar. Taking the class path as well keeps
   * the unshaded layout (a classes folder next to the dependency jars) usable in tests.
   */
  static URL[] runtimeClassPath() throws MalformedURLException {
    Set<Path> entries = new LinkedHashSet<>();
    entries.add(ownLocation());
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().normalize());
      }
    }
    List<URL> urls = new ArrayList<>();
    for (Path entry : entries) {
      urls.add(url(entry));
    }
    return urls.toArray(new URL[0]);
  }

  private static Path ownLocation() {
    try {
      return Path.of(Boot.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath()
          .normalize();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "Cannot locate the hotpatch runtime jar: " + e.getMessage(), e);
    }
  }

  private static URL url(Path path) throws MalformedURLException {
    // toUri() ends a directory's URL with '/', which URLClassLoader needs to treat it as a folder.
    return path.toAbsolutePath().toUri().toURL();
  }

  private static void usage(String problem) {
    System.err.println(
        PREFIX
            + "Cannot start: "
            + problem
            + ". Usage: java -javaagent:hotpatch-runtime.jar -cp hotpatch-runtime.jar "
            + Boot.class.getName()
            + " <hotpatch-api.jar> <launch.json>. This command line is written by hotpatch:serve;"
            + " start the application with mvn hotpatch:serve.");
    System.exit(2);
  }
}
