package dev.hotpatch.serve.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Java identifiers each source file spells, comments and strings included (finding too many
 * users only compiles a file more), read once per version of the file.
 */
final class IdentifierIndex {
  private record Entry(SourceStamp stamp, Set<String> identifiers) {}

  private final Map<Path, Entry> files = new HashMap<>();
  private final Charset encoding;

  IdentifierIndex(Charset encoding) {
    this.encoding = encoding;
  }

  /** The files of {@code sources} that spell one of {@code wanted}. */
  Set<Path> mentioning(Set<String> wanted, Collection<Path> sources) {
    Set<Path> found = new HashSet<>();
    if (wanted.isEmpty()) {
      return found;
    }
    for (Path source : sources) {
      Set<String> spelled = identifiers(source);
      if (wanted.stream().anyMatch(spelled::contains)) {
        found.add(source);
      }
    }
    return found;
  }

  private Set<String> identifiers(Path source) {
    SourceStamp stamp = SourceStamp.of(source);
    Entry entry = files.get(source);
    if (entry == null || !entry.stamp().equals(stamp)) {
      entry = new Entry(stamp, scan(read(source)));
      files.put(source, entry);
    }
    return entry.identifiers();
  }

  private String read(Path source) {
    try {
      return new String(Files.readAllBytes(source), encoding);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
  }

  static Set<String> scan(String text) {
    Set<String> identifiers = new HashSet<>();
    int i = 0;
    while (i < text.length()) {
      if (Character.isJavaIdentifierStart(text.charAt(i))) {
        int start = i;
        while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
          i++;
        }
        identifiers.add(text.substring(start, i));
      } else {
        i++;
      }
    }
    return identifiers;
  }
}
