package dev.hotpatch.runtime.loader;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * How often the application asked a module's loaders for each of the module's resources, and which
 * class asked first: what tells whether a changed resource will be seen. A resource asked for once
 * is content the application holds in memory (a configuration read at start); asked for again and
 * again, it is read per use (a template, a static file) and a patch reaches it.
 *
 * <p>Shared by every loader of the module; safe from any thread.
 */
public final class ResourceReads {
  /** Framework configuration that is read once at start, however often it is looked up. */
  private static final Pattern READ_AT_START =
      Pattern.compile(
          "(?:.*/)?(?:application[^/]*\\.(?:properties|ya?ml)|logback[^/]*\\.xml|log4j2[^/]*\\.xml)");

  private static final String SERVICES = "META-INF/services/";

  /** How a resource was read, so far. */
  private static final class Reads {
    final AtomicInteger count = new AtomicInteger();
    volatile String reader;
    volatile boolean bundle;
  }

  /**
   * A resource whose new content the running application will not see.
   *
   * @param name the resource name
   * @param reader the class that read it, as {@code class.method}
   */
  public record Stale(String name, String reader) {}

  private final Map<String, Reads> reads = new ConcurrentHashMap<>();

  /** The application asked for {@code name}, which the module has. */
  void read(String name) {
    Reads known = reads.computeIfAbsent(normalize(name), n -> new Reads());
    if (known.count.incrementAndGet() == 1) {
      StackWalker.getInstance()
          .walk(
              frames ->
                  frames
                      .filter(f -> f.getClassName().startsWith("java.util.ResourceBundle"))
                      .findFirst())
          .ifPresent(f -> known.bundle = true);
      known.reader =
          StackWalker.getInstance()
              .walk(
                  frames ->
                      frames
                          .filter(f -> !isInfrastructure(f.getClassName()))
                          .map(f -> f.getClassName() + "." + f.getMethodName())
                          .findFirst())
              .orElse("the JDK");
    }
  }

  /**
   * Whether a change of {@code name} stays unseen by the running application, and who read it: read
   * exactly once (a resource found through {@code ResourceBundle} is not: its cache is cleared), a
   * framework's configuration read at start, or a {@code META-INF/services} file whose providers
   * were loaded. A resource never read, or read per use, is seen.
   */
  public Optional<Stale> staleAfterChange(String name) {
    Reads known = reads.get(normalize(name));
    if (known == null || known.bundle) {
      return Optional.empty();
    }
    int count = known.count.get();
    boolean once =
        count == 1
            || (count > 1 && (READ_AT_START.matcher(name).matches() || name.startsWith(SERVICES)));
    return once ? Optional.of(new Stale(name, known.reader)) : Optional.empty();
  }

  /** Whether {@code name} was found through {@code ResourceBundle}, whose cache holds it. */
  public boolean readAsBundle(String name) {
    Reads known = reads.get(normalize(name));
    return known != null && known.bundle;
  }

  /** The application will read the new content of {@code name}: counting starts again. */
  public void forget(String name) {
    reads.remove(normalize(name));
  }

  private static boolean isInfrastructure(String className) {
    return className.startsWith("java.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("dev.hotpatch.runtime.");
  }

  private static String normalize(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }
}
