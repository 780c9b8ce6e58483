package dev.hotpatch.runtime.launch;

import dev.hotpatch.HotBridges;
import dev.hotpatch.runtime.channel.DaemonThreads;
import dev.hotpatch.runtime.channel.LaunchException;
import dev.hotpatch.runtime.channel.LaunchManifest;
import dev.hotpatch.runtime.channel.PatchClient;
import dev.hotpatch.runtime.log.Log;
import dev.hotpatch.runtime.patch.HotRuntime;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the application inside the runtime's own class loader; called by {@code
 * dev.hotpatch.runtime.boot.Boot} through reflection, since Boot cannot name runtime classes.
 *
 * <p>Builds the libraries loader and the module loaders from the launch manifest, installs the
 * bridge behind {@code Hot}, starts the patch client and the watch on {@code serve}, and runs the
 * application's main method on the calling thread.
 */
public final class RuntimeMain {
  // Held for the JVM's lifetime: the JDK's HTTP client stops its selector thread once nothing
  // refers to the client any more.
  private static volatile PatchClient patchClient;

  private RuntimeMain() {}

  /**
   * The entry point Boot calls.
   *
   * @param instrumentation the JVM's {@code java.lang.instrument.Instrumentation} when started with
   *     the agent, else {@code null}; typed {@code Object} so that Boot's call site needs no
   *     runtime types
   * @param launchJson the launch manifest
   * @throws Throwable what the application's main method throws, unchanged
   */
  public static void run(Object instrumentation, Path launchJson) throws Throwable {
    Method main;
    String[] args;
    LaunchManifest manifest;
    try {
      manifest = LaunchManifest.read(launchJson);
      ExitReports.hooksPending(manifest.hooksPendingFile());
      main = start(launchJson, manifest, (Instrumentation) instrumentation);
      args = manifest.args().toArray(new String[0]);
    } catch (LaunchException e) {
      Log.line(e.getMessage());
      System.exit(1);
      return;
    }
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      ExitReports.mainFailed(manifest.mainFailedFile(), e.getCause());
      throw e.getCause();
    }
  }

  /**
   * Sets everything up and returns the application's main method; the calling thread's context
   * loader is the main module's loader afterwards.
   */
  static Method start(Path launchJson, LaunchManifest manifest, Instrumentation instrumentation)
      throws LaunchException {
    // The API as the runtime sees it is the API the application sees: both get it from the api
    // loader, so the bridge installed here is the one Hot finds.
    ClassLoader api = HotBridges.class.getClassLoader();
    // The one loader of the JVM that warm restarts keep: libraries stay loaded and JIT-compiled.
    ClassLoader libraries =
        new URLClassLoader("hotpatch-libraries", urls(manifest.libraries()), api);
    Starts starts = Starts.first(launchJson, manifest, libraries, instrumentation);
    HotRuntime runtime = starts.runtime();
    ClassLoader mainLoader = runtime.loader(manifest.mainModule());
    Method main = MainMethods.find(mainLoader, manifest.mainClass());

    runtime.installBridge(manifest.mainModule());
    ParentWatch.watch(
        manifest.parentPid(),
        () -> {
          Log.line(
              "serve (process " + manifest.parentPid() + ") has ended; stopping the application.");
          System.exit(1);
        });
    if (manifest.serverUri() != null) {
      PatchClient.Settings settings = PatchClient.Settings.of(manifest);
      // Setting up the JDK's HTTP client takes a few hundred milliseconds; the application's main
      // method need not wait for it, nor for the warm-up of the patch path that follows. The
      // thread is made here, before any application code runs.
      new DaemonThreads("hotpatch-start")
          .newThread(
              () -> {
                patchClient =
                    PatchClient.start(
                        settings, starts::apply, starts, () -> starts.runtime().modules());
                starts.reportTo(patchClient);
                WarmUp.run(instrumentation);
              })
          .start();
    }
    Thread.currentThread().setContextClassLoader(mainLoader);
    return main;
  }

  private static URL[] urls(List<Path> paths) throws LaunchException {
    List<URL> urls = new ArrayList<>();
    for (Path path : paths) {
      try {
        urls.add(path.toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new LaunchException("Cannot use the library " + path + ": " + e.getMessage(), e);
      }
    }
    return urls.toArray(new URL[0]);
  }
}
