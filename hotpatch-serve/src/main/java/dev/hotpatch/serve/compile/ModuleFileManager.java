package dev.hotpatch.serve.compile;

import dev.hotpatch.diff.ModuleSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.ForwardingJavaFileObject;
import javax.tools.JavaFileObject;
import javax.tools.JavaFileObject.Kind;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * One module's file manager, kept across patches so that what javac looks up does not have to be
 * found again at every compile.
 *
 * <ul>
 *   <li>The workspace classes on the class path (the module's own current build and those of the
 *       modules it depends on) come from their snapshots in memory: no folder is listed and no
 *       class file read from disk.
 *   <li>What javac lists of the JDK and of the third-party jars is remembered: they do not change
 *       while a session runs.
 *   <li>The classes javac writes are kept in memory as well, so nothing reads them back.
 *   <li>The annotation processors stay loaded: javac closes the processor class loader after every
 *       compile, and loading a processor such as Lombok again costs more than the compile of a
 *       file. Only a processor path is kept, whose jars do not change; processors found on the
 *       class path come from workspace folders that do.
 * </ul>
 */
final class ModuleFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
  private record ListKey(Location location, String packageName, Set<Kind> kinds, boolean recurse) {}

  private List<ModuleSnapshot> workspace = List.of();
  private List<Path> jars;
  private List<Path> workspaceFolders = List.of();
  private final Map<ListKey, List<JavaFileObject>> listed = new HashMap<>();
  private final Map<JavaFileObject, String> binaryNames = new IdentityHashMap<>();
  private final Map<String, byte[]> written = new LinkedHashMap<>();
  private List<Path> processorPath = List.of();
  private ClassLoader processors;

  ModuleFileManager(StandardJavaFileManager files) {
    super(files);
  }

  StandardJavaFileManager files() {
    return fileManager;
  }

  /**
   * What the next compile finds on its class path: the workspace builds, in class path order, then
   * the third-party jars.
   */
  void classPath(List<ModuleSnapshot> workspace, List<Path> jars) throws IOException {
    this.workspace = List.copyOf(workspace);
    if (!jars.equals(this.jars)) {
      fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, jars);
      this.jars = List.copyOf(jars);
      listed.keySet().removeIf(key -> key.location() == StandardLocation.CLASS_PATH);
    }
  }

  /** The folders of the workspace builds, where processors on the class path are looked for. */
  void workspaceFolders(List<Path> folders) {
    workspaceFolders = List.copyOf(folders);
  }

  /** Forgets what the last compile wrote; {@link #written()} fills up again. */
  void startCompile() {
    written.clear();
  }

  /** The class files the compile wrote, internal name to bytes, in the order they were written. */
  Map<String, byte[]> written() {
    return written;
  }

  @Override
  public Iterable<JavaFileObject> list(
      Location location, String packageName, Set<Kind> kinds, boolean recurse) throws IOException {
    if (location == StandardLocation.SOURCE_PATH
        || location == StandardLocation.CLASS_OUTPUT
        || location == StandardLocation.SOURCE_OUTPUT
        || location == StandardLocation.ANNOTATION_PROCESSOR_PATH) {
      return super.list(location, packageName, kinds, recurse);
    }
    ListKey key = new ListKey(location, packageName, Set.copyOf(kinds), recurse);
    List<JavaFileObject> known = listed.get(key);
    if (known == null) {
      known = new ArrayList<>();
      for (JavaFileObject file : super.list(location, packageName, kinds, recurse)) {
        known.add(file);
      }
      listed.put(key, List.copyOf(known));
    }
    if (location != StandardLocation.CLASS_PATH || !kinds.contains(Kind.CLASS)) {
      return known;
    }
    List<JavaFileObject> files = new ArrayList<>();
    String folder = packageName.replace('.', '/');
    for (ModuleSnapshot snapshot : workspace) {
      snapshot
          .packages()
          .forEach(
              (pkg, classes) -> {
                if (pkg.equals(folder) || (recurse && pkg.startsWith(folder + "/"))) {
                  for (String name : classes) {
                    files.add(new SnapshotClass(snapshot, name));
                  }
                }
              });
    }
    files.addAll(known);
    return files;
  }

  @Override
  public String inferBinaryName(Location location, JavaFileObject file) {
    if (file instanceof SnapshotClass snapshotClass) {
      return snapshotClass.binaryName;
    }
    return binaryNames.computeIfAbsent(file, f -> super.inferBinaryName(location, f));
  }

  @Override
  public boolean isSameFile(FileObject a, FileObject b) {
    if (a instanceof SnapshotClass || b instanceof SnapshotClass) {
      return a == b;
    }
    return super.isSameFile(a, b);
  }

  @Override
  public JavaFileObject getJavaFileForInput(Location location, String className, Kind kind)
      throws IOException {
    if (location == StandardLocation.CLASS_PATH && kind == Kind.CLASS) {
      String name = className.replace('.', '/');
      for (ModuleSnapshot snapshot : workspace) {
        if (snapshot.contains(name)) {
          return new SnapshotClass(snapshot, name);
        }
      }
    }
    return super.getJavaFileForInput(location, className, kind);
  }

  @Override
  public JavaFileObject getJavaFileForOutput(
      Location location, String className, Kind kind, FileObject sibling) throws IOException {
    JavaFileObject file = super.getJavaFileForOutput(location, className, kind, sibling);
    if (location != StandardLocation.CLASS_OUTPUT || kind != Kind.CLASS) {
      return file;
    }
    return new ForwardingJavaFileObject<>(file) {
      @Override
      public OutputStream openOutputStream() throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        return new FilterOutputStream(super.openOutputStream()) {
          @Override
          public void write(int b) throws IOException {
            out.write(b);
            copy.write(b);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            copy.write(bytes, offset, length);
          }

          @Override
          public void close() throws IOException {
            super.close();
            written.put(className.replace('.', '/'), copy.toByteArray());
          }
        };
      }
    };
  }

  @Override
  public ClassLoader getClassLoader(Location location) {
    if (location == StandardLocation.CLASS_PATH) {
      // Processors on the class path: the workspace builds' folders, then the jars.
      List<URL> urls = new ArrayList<>();
      try {
        for (Path path : workspaceFolders) {
          urls.add(path.toUri().toURL());
        }
        for (Path path : jars == null ? List.<Path>of() : jars) {
          urls.add(path.toUri().toURL());
        }
      } catch (MalformedURLException e) {
        throw new IllegalStateException("A class path entry has no URL: " + e.getMessage(), e);
      }
      return new URLClassLoader(urls.toArray(URL[]::new), fileManager.getClass().getClassLoader());
    }
    if (location != StandardLocation.ANNOTATION_PROCESSOR_PATH) {
      return super.getClassLoader(location);
    }
    List<Path> path = new ArrayList<>();
    fileManager.getLocationAsPaths(location).forEach(path::add);
    if (processors == null || !path.equals(processorPath)) {
      closeProcessors();
      processors = super.getClassLoader(location);
      processorPath = path;
    }
    // javac closes the loader it gets when it is Closeable: this child is not, so ours stays open.
    return new ClassLoader(processors) {};
  }

  @Override
  public void close() throws IOException {
    closeProcessors();
    super.close();
  }

  private void closeProcessors() {
    if (processors instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        // Only the jar handles of a processor path no longer used are at stake.
      }
    }
    processors = null;
  }

  /** A class of a workspace build, read from its snapshot. */
  private static final class SnapshotClass extends SimpleJavaFileObject {
    private final ModuleSnapshot snapshot;
    private final String name;
    private final String binaryName;

    SnapshotClass(ModuleSnapshot snapshot, String name) {
      super(URI.create("snapshot:///" + name + ".class"), Kind.CLASS);
      this.snapshot = snapshot;
      this.name = name;
      this.binaryName = name.replace('/', '.');
    }

    @Override
    public InputStream openInputStream() throws IOException {
      return snapshot
          .open(name)
          .orElseThrow(
              () ->
                  new IOException(
                      new NoSuchElementException(
                          "The class file of " + binaryName + " is unreadable")));
    }

    @Override
    public NestingKind getNestingKind() {
      return null;
    }

    @Override
    public Modifier getAccessLevel() {
      return null;
    }
  }
}
