package dev.hotpatch.maven.mojo;

import dev.hotpatch.serve.ServeException;
import dev.hotpatch.serve.ServeRequest;
import dev.hotpatch.serve.channel.Address;
import dev.hotpatch.serve.channel.RemoteKeys;
import dev.hotpatch.serve.remote.BundleWriter;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes a bundle of the application into {@code target/hotpatch/bundle} (and {@code
 * target/hotpatch/bundle.zip}): the runtime, the libraries, the modules' builds, a launch manifest
 * with paths relative to the bundle, the connection secret (readable by its owner only) and {@code
 * run.sh}. Copied into a container image or onto another host and started with {@code run.sh}, the
 * application connects over TLS to {@code mvn hotpatch:serve -Dhotpatch.launch=remote
 * -Dhotpatch.listen=HOST:PORT} and is patched like a local one. The bundle keeps working across
 * serve sessions until the reactor's keys are rotated ({@code -Dhotpatch.rotateKeys}, or {@code mvn
 * clean}).
 */
@Mojo(
    name = "bundle",
    aggregator = true,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
    threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class BundleMojo extends ServeMojo {
  /**
   * Where the application reaches serve, {@code HOST:PORT}: the address of serve's machine as the
   * container or the other host sees it. By default the address of {@code hotpatch.listen}. The
   * bundle's {@code run.sh} also takes it from the environment variable {@code HOTPATCH_CONNECT}.
   */
  @Parameter(property = "hotpatch.connect")
  private String connect;

  @Override
  boolean bundles() {
    return true;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    String address = connect != null && !connect.isBlank() ? connect : listen();
    if (address == null) {
      throw new MojoFailureException(
          "The bundle needs the address where it reaches serve: give -Dhotpatch.listen=HOST:PORT,"
              + " as serve will listen, or -Dhotpatch.connect=HOST:PORT when the application sees"
              + " serve's machine under another address.");
    }
    try {
      Address parsed =
          Address.parse(address, connect != null ? "hotpatch.connect" : "hotpatch.listen");
      if (parsed.port() == 0) {
        throw new MojoFailureException(
            "The bundle needs a fixed port to reach serve, not 0: give -Dhotpatch.listen with the"
                + " port serve will listen on.");
      }
      ServeRequest request = request();
      Path root = request.workspace().root();
      RemoteKeys keys = RemoteKeys.loadOrCreate(root.resolve(RemoteKeys.FOLDER), rotateKeys());
      Path bundle = BundleWriter.write(request, keys, parsed.toString());
      getLog()
          .info(
              "[hotpatch] wrote the bundle "
                  + root.relativize(bundle)
                  + " (and bundle.zip beside it): copy it where the application runs and start"
                  + " run.sh; it connects to wss://"
                  + parsed
                  + "/hotpatch, where mvn hotpatch:serve -Dhotpatch.launch=remote"
                  + " -Dhotpatch.listen=HOST:"
                  + parsed.port()
                  + " waits for it");
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (ServeException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }
}
