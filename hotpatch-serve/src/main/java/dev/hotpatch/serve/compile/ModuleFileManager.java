package dev.hotpatch.serve.compile;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * One module's file manager, which also keeps the module's annotation processors loaded: javac
 * closes the processor class loader after every compile, and loading a processor such as Lombok
 * again costs more than the compile of a file. Only a processor path is kept, whose jars do not
 * change; processors found on the class path come from workspace folders that do.
 */
final class ModuleFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
  private List<Path> processorPath = List.of();
  private ClassLoader processors;

  ModuleFileManager(StandardJavaFileManager files) {
    super(files);
  }

  StandardJavaFileManager files() {
    return fileManager;
  }

  @Override
  public ClassLoader getClassLoader(Location location) {
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
}
