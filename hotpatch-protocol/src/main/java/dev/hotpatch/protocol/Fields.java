package dev.hotpatch.protocol;

import java.util.Set;

/** The field names of the messages ({@link MessageType}) and of the module entries they carry. */
public final class Fields {
  /** Every message's kind: a {@link MessageType#wireName()}. */
  public static final String TYPE = "type";

  /** The {@link Protocol#VERSION} the sender speaks; also the first field of launch.json. */
  public static final String PROTOCOL = "protocol";

  public static final String SESSION_ID = "sessionId";
  public static final String BUILD_ID = "buildId";
  public static final String PID = "pid";
  public static final String PATCH_ID = "patchId";
  public static final String MODULES = "modules";

  public static final String OK = "ok";

  /** Of a patch-result: the application's patch count; of a module: the module's version. */
  public static final String VERSION = "version";

  public static final String LOAD_MILLIS = "loadMillis";
  public static final String WARNINGS = "warnings";
  public static final String ERROR = "error";
  public static final String RETRY_AS_NEW_LOADER = "retryAsNewLoader";

  /** Of a restart: the build id the application runs as once it has started again. */
  public static final String NEXT_BUILD_ID = "nextBuildId";

  /** Of a restart: how long the stopped application's threads may take to end. */
  public static final String STOP_TIMEOUT_MILLIS = "stopTimeoutMillis";

  /** Of a restart-result: how long stopping the application took. */
  public static final String STOP_MILLIS = "stopMillis";

  /** Of a restart-result: how long building the new loaders and starting main took. */
  public static final String START_MILLIS = "startMillis";

  /**
   * Of a restart-result or app-failed: why the application cannot start again in its JVM, so that
   * serve starts a new JVM instead.
   */
  public static final String FALLBACK = "fallback";

  public static final String NAME = "name";

  /** The layers of a module's version, newest first. */
  public static final String CLASSES = "classes";

  /** Per layer of {@link #CLASSES}, the resource names it hides in the layers after it. */
  public static final String DELETED = "deleted";

  public static final String DEPENDENCIES = "dependencies";
  public static final String STRATEGY = "strategy";
  public static final String CHANGED_CLASSES = "changedClasses";
  public static final String RENAMES = "renames";
  public static final String REMOVED = "removed";

  /** Of a module of a patch: its resources (not classes) that the patch changed. */
  public static final String CHANGED_RESOURCES = "changedResources";

  /**
   * Of a patch-result: the changed resources the application read once and will not see, each with
   * {@link #MODULE}, {@link #NAME} and {@link #READER}.
   */
  public static final String STALE_RESOURCES = "staleResources";

  public static final String MODULE = "module";

  /**
   * Of a module of a patch to a remote application: the new layer itself, its files' bytes and the
   * names it deletes, in place of folders the application could not read.
   */
  public static final String LAYER = "layer";

  /**
   * Of a remote application's hello: by module, every file of the version it runs, by resource
   * name, with the first 64 bits of its SHA-256 as hex.
   */
  public static final String CONTENT = "content";

  /** Of a {@link #LAYER}: its files, by resource name, each as base64. */
  public static final String FILES = "files";

  /** Of a {@link #LAYER}: whether it holds the whole module, so that no earlier layer counts. */
  public static final String WHOLE = "whole";

  /** The class and method that read a resource. */
  public static final String READER = "reader";

  /** The fields of a module entry of a patch. */
  public static final Set<String> PATCH_MODULE =
      Set.of(
          NAME,
          VERSION,
          CLASSES,
          DELETED,
          DEPENDENCIES,
          STRATEGY,
          CHANGED_CLASSES,
          RENAMES,
          REMOVED,
          CHANGED_RESOURCES,
          LAYER);

  /**
   * The fields that address a patch to one start of the application; serve sets them, never the
   * patch's content.
   */
  public static final Set<String> PATCH_ADDRESS = Set.of(PROTOCOL, PATCH_ID, PID, BUILD_ID);

  private Fields() {}
}
