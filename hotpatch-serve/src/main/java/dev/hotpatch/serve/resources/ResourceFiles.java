package dev.hotpatch.serve.resources;

import dev.hotpatch.serve.workspace.ModuleResources;
import dev.hotpatch.serve.workspace.ResourceRoot;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Maven's {@code process-resources} for single files: where a changed resource goes in a class
 * folder, and its content there, filtered when its {@code <resource>} says so. Nothing is compiled.
 */
public final class ResourceFiles {
  /** maven-resources-plugin never filters these, whatever the configuration. */
  private static final Set<String> BINARY_EXTENSIONS = Set.of("jpg", "jpeg", "gif", "bmp", "png");

  private final ModuleResources resources;
  private final ResourceFilter filter;

  public ResourceFiles(ModuleResources resources) {
    this.resources = resources;
    this.filter = new ResourceFilter(resources.filterValues());
  }

  /**
   * The resource name under which {@code file} (a changed file, or a deleted file or folder) lands
   * in the class folder, or empty when no {@code <resource>} of the module holds it.
   */
  public Optional<String> target(Path file) {
    return root(file).map(root -> targetName(root, file));
  }

  /**
   * Puts the current content of {@code file} under its name in {@code classFolder}; when {@code
   * file} is gone, removes what it put there (of a deleted folder, only resources, never classes).
   *
   * @return the resource name, or empty when {@code file} is not a resource of the module
   */
  public Optional<String> apply(Path file, Path classFolder) throws IOException {
    Optional<ResourceRoot> root = root(file);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    String name = targetName(root.get(), file);
    Path target = classFolder.resolve(name);
    if (Files.isRegularFile(file)) {
      Files.createDirectories(target.getParent());
      Optional<String> text =
          root.get().filtering() && !BINARY_EXTENSIONS.contains(extension(file))
              ? readText(file)
              : Optional.empty();
      if (text.isPresent()) {
        Files.writeString(target, filter.filter(text.get()), resources.encoding());
      } else {
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } else if (!Files.exists(file)) {
      deleteResources(target);
    }
    return Optional.of(name);
  }

  /**
   * The file's text in the module's encoding, or empty for a file that is not text in it (a font, a
   * key store): filtering would corrupt it, so it is copied as it is.
   */
  private Optional<String> readText(Path file) throws IOException {
    try {
      return Optional.of(Files.readString(file, resources.encoding()));
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private Optional<ResourceRoot> root(Path file) {
    // Maven copies the roots in order, so a later root's file wins: look from the last.
    List<ResourceRoot> roots = resources.roots();
    for (int i = roots.size() - 1; i >= 0; i--) {
      ResourceRoot root = roots.get(i);
      if (file.startsWith(root.directory()) && !file.equals(root.directory())) {
        String relative = relative(root, file);
        boolean included =
            root.includes().isEmpty()
                || root.includes().stream().anyMatch(p -> AntPattern.of(p).matches(relative));
        boolean excluded =
            root.excludes().stream().anyMatch(p -> AntPattern.of(p).matches(relative));
        // A deleted folder matches no file pattern, yet held resources.
        if ((included && !excluded) || !Files.exists(file)) {
          return Optional.of(root);
        }
      }
    }
    return Optional.empty();
  }

  private static String targetName(ResourceRoot root, Path file) {
    String target = root.targetPath().replace('\\', '/');
    while (target.endsWith("/")) {
      target = target.substring(0, target.length() - 1);
    }
    return target.isEmpty() ? relative(root, file) : target + "/" + relative(root, file);
  }

  private static String relative(ResourceRoot root, Path file) {
    return root.directory()
        .relativize(file)
        .toString()
        .replace(file.getFileSystem().getSeparator(), "/");
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static void deleteResources(Path target) throws IOException {
    if (Files.isRegularFile(target)) {
      Files.delete(target);
      return;
    }
    if (!Files.isDirectory(target)) {
      return;
    }
    // A resource folder often shares its package folder with classes, which stay.
    try (Stream<Path> walk = Files.walk(target)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(path) && !path.getFileName().toString().endsWith(".class")) {
          Files.delete(path);
        } else if (Files.isDirectory(path)) {
          try (Stream<Path> left = Files.list(path)) {
            if (left.findAny().isEmpty()) {
              Files.delete(path);
            }
          }
        }
      }
    }
  }
}
