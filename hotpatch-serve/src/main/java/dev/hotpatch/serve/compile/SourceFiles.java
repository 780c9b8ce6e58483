package dev.hotpatch.serve.compile;

import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java sources of a module as one build saw them: each file's stamp.
 *
 * <p>The first build of a session lists every source folder. Later builds take the last listing and
 * look again only at the files the watcher named: on a module of 2,000 sources the full listing
 * took a fifth of a body edit's compile, a {@code stat} per file. Source folders the watcher does
 * not watch (see {@code trusted}) are listed again at every build, and so are symbolic links, whose
 * own events say nothing of an edit to the file they point to.
 */
final class SourceFiles {
  /**
   * The sources of a build and the files added or modified since the listing it came from.
   *
   * @param changed in path order
   */
  record Next(SourceFiles files, Set<Path> changed) {}

  /**
   * Beyond this many files named (a branch checked out, say), one listing of every folder is
   * cheaper than looking for each file's entries among the last listing's.
   */
  private static final int MAX_NAMED = 64;

  /** The source roots listed, absolute; null when the stamps do not come from a listing. */
  private final List<Path> roots;

  /**
   * The roots whose changes the watcher reports: those it watches that were folders at the last
   * full listing and still are. The watcher watches only folders that exist when it starts or when
   * the build files change, so a source folder that appears (or comes back) since is listed again
   * at every build, as are the folders inside {@code target/}.
   */
  private final Set<Path> trusted;

  private final Map<Path, SourceStamp> stamps;
  private final Set<Path> links;

  /**
   * The files looked at again when this listing was derived from the last one; null for a full
   * listing, which is compared with the last one whole.
   */
  private final Set<Path> looked;

  private SourceFiles(
      List<Path> roots,
      Set<Path> trusted,
      Map<Path, SourceStamp> stamps,
      Set<Path> links,
      Set<Path> looked) {
    this.roots = roots;
    this.trusted = trusted;
    this.stamps = Collections.unmodifiableMap(stamps);
    this.links = Collections.unmodifiableSet(links);
    this.looked = looked;
  }

  /**
   * Sources known from the classes compiled from them, not from a listing of their folders: the
   * next build lists the folders whatever the watcher says.
   */
  static SourceFiles known(Map<Path, SourceStamp> stamps) {
    return new SourceFiles(null, Set.of(), new HashMap<>(stamps), Set.of(), null);
  }

  /** The same stamps, which the next build compares with a listing of every folder. */
  SourceFiles unlisted() {
    return known(stamps);
  }

  /**
   * Every {@code .java} file under the module's source roots with its stamp. A {@code
   * module-info.java} is left out: the application runs on class loaders, not on the module path,
   * and javac cannot compile a module descriptor against a class path.
   */
  static SourceFiles of(WorkspaceModule module) {
    Map<Path, SourceStamp> stamps = new HashMap<>();
    Set<Path> links = new HashSet<>();
    List<Path> roots = roots(module);
    for (Path root : roots) {
      list(root, stamps, links);
    }
    Set<Path> trusted = new HashSet<>(absolute(module.watchedSourceRoots()));
    trusted.removeIf(root -> !Files.isDirectory(root));
    return new SourceFiles(roots, trusted, stamps, links, null);
  }

  /**
   * The sources now, from this listing and the files that changed since.
   *
   * @param changedFiles the files the watcher saw change (or deleted folders), or null when any
   *     file may have changed: then every folder is listed again
   */
  Next next(WorkspaceModule module, Set<Path> changedFiles) {
    SourceFiles now = derivable(module, changedFiles) ? derive(module, changedFiles) : of(module);
    return new Next(now, now.changedSince(this));
  }

  private boolean derivable(WorkspaceModule module, Set<Path> changedFiles) {
    if (roots == null
        || changedFiles == null
        || changedFiles.size() > MAX_NAMED
        || !roots.equals(roots(module))) {
      return false;
    }
    List<Path> watched = absolute(module.watchedSourceRoots());
    return changedFiles.stream()
        .map(SourceFiles::absolute)
        .allMatch(file -> watched.stream().anyMatch(file::startsWith));
  }

  private SourceFiles derive(WorkspaceModule module, Set<Path> changedFiles) {
    Map<Path, SourceStamp> next = new HashMap<>(stamps);
    Set<Path> nextLinks = new HashSet<>(links);
    Set<Path> looked = new HashSet<>();
    Set<Path> stillTrusted = new HashSet<>(trusted);
    // A folder deleted is no longer watched, even once it is back.
    stillTrusted.removeIf(root -> !Files.isDirectory(root));
    List<Path> unwatched = new ArrayList<>(roots);
    unwatched.removeAll(stillTrusted);
    for (Path root : unwatched) {
      looked.addAll(removeUnder(root, next, nextLinks));
      looked.addAll(list(root, next, nextLinks));
    }
    for (Path changed : changedFiles) {
      // A file, or a folder deleted (and perhaps made again) with the files in it.
      Path path = absolute(changed);
      looked.addAll(removeUnder(path, next, nextLinks));
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        looked.addAll(list(path, next, nextLinks));
      } else if (isCompiled(path)) {
        looked.add(path);
        add(path, next, nextLinks);
      }
    }
    for (Path link : links) {
      looked.add(link);
      readAgain(link, next, nextLinks);
    }
    return new SourceFiles(roots, stillTrusted, next, nextLinks, looked);
  }

  private static void readAgain(Path file, Map<Path, SourceStamp> stamps, Set<Path> links) {
    stamps.remove(file);
    links.remove(file);
    add(file, stamps, links);
  }

  /** The files added or modified since {@code earlier}, in path order. */
  private Set<Path> changedSince(SourceFiles earlier) {
    Collection<Path> files = looked == null ? stamps.keySet() : looked;
    List<Path> changed = new ArrayList<>();
    for (Path file : files) {
      SourceStamp stamp = stamps.get(file);
      SourceStamp known = earlier.stamps.get(file);
      if (stamp != null && (known == null || !known.matches(stamp))) {
        changed.add(file);
      }
    }
    return new LinkedHashSet<>(sorted(changed));
  }

  Set<Path> files() {
    return stamps.keySet();
  }

  int size() {
    return stamps.size();
  }

  boolean contains(Path file) {
    return stamps.containsKey(file);
  }

  /** {@code sources} in path order, so that javac sees a module's files in the same order. */
  static List<Path> sorted(Iterable<Path> sources) {
    List<Path> sorted = new ArrayList<>();
    sources.forEach(sorted::add);
    Collections.sort(sorted);
    return sorted;
  }

  private static List<Path> roots(WorkspaceModule module) {
    return absolute(module.sourceRoots());
  }

  private static List<Path> absolute(List<Path> paths) {
    return paths.stream().map(SourceFiles::absolute).distinct().toList();
  }

  private static Path absolute(Path path) {
    return path.toAbsolutePath().normalize();
  }

  /** Adds the sources under {@code start}, a folder or a file; returns them. */
  private static List<Path> list(Path start, Map<Path, SourceStamp> stamps, Set<Path> links) {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(start)) {
      return found;
    }
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (isCompiled(file)) {
                add(file, attributes, stamps, links);
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the sources under " + start, e);
    }
    return found;
  }

  /** Adds {@code file} if it is a source now, a file or a link to one. */
  private static void add(Path file, Map<Path, SourceStamp> stamps, Set<Path> links) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!spelledAsNamed(file)) {
        return; // renamed by letter case only, on a disk that ignores case: the old name is gone
      }
    } catch (IOException e) {
      if (e instanceof NoSuchFileException || !Files.isDirectory(file.getParent())) {
        return; // deleted, or its folder is gone (or a file now)
      }
      throw new UncheckedIOException("Cannot read the attributes of " + file, e);
    }
    add(file, attributes, stamps, links);
  }

  private static boolean spelledAsNamed(Path file) throws IOException {
    Path real = file.toRealPath(LinkOption.NOFOLLOW_LINKS).getFileName();
    return real != null && real.toString().equals(file.getFileName().toString());
  }

  private static void add(
      Path file, BasicFileAttributes attributes, Map<Path, SourceStamp> stamps, Set<Path> links) {
    if (attributes.isRegularFile()) {
      stamps.put(file, SourceStamp.of(attributes));
    } else if (attributes.isSymbolicLink() && Files.isRegularFile(file)) {
      // The link's own attributes say nothing of an edit to the file it points to.
      stamps.put(file, SourceStamp.of(file));
      links.add(file);
    }
  }

  /** Removes what lies under {@code folder}; returns it. */
  private static List<Path> removeUnder(
      Path folder, Map<Path, SourceStamp> stamps, Set<Path> links) {
    List<Path> removed = new ArrayList<>();
    stamps.keySet().removeIf(file -> file.startsWith(folder) && removed.add(file));
    links.removeAll(removed);
    return removed;
  }

  private static boolean isCompiled(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".java") && !name.equals("module-info.java");
  }
}
