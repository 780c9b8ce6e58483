package dev.hotpatch.runtime.channel;

import dev.hotpatch.runtime.ModuleVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a remote application has of each module: every file of the module's current version, by
 * resource name, with the first 64 bits of its SHA-256. Its hello carries it, so that serve sends
 * one patch that brings the application from whatever it runs to the newest builds: after a lost
 * connection, or when a bundle made earlier starts.
 */
final class ContentListing {
  /** Longer listings are left out of the hello, which must stay under the message limit. */
  static final int MAX_CHARACTERS = 768 << 10;

  private ContentListing() {}

  /** The listing of {@code modules}; null when it would not fit into a hello. */
  static Map<String, Map<String, String>> of(List<ModuleVersion> modules) {
    Map<String, Map<String, String>> listing = new TreeMap<>();
    long characters = 0;
    for (ModuleVersion module : modules) {
      Map<String, String> files = files(module);
      for (String name : files.keySet()) {
        characters += name.length() + 24;
      }
      if (characters > MAX_CHARACTERS) {
        return null;
      }
      listing.put(module.name(), files);
    }
    return listing;
  }

  /** A file comes from the newest layer that has it, unless a newer layer deleted it. */
  private static Map<String, String> files(ModuleVersion module) {
    Map<String, String> files = new TreeMap<>();
    Set<String> hidden = new HashSet<>();
    for (int i = 0; i < module.classes().size(); i++) {
      Path folder = module.classes().get(i);
      if (Files.isDirectory(folder)) {
        try (Stream<Path> walk = Files.walk(folder)) {
          for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
            String name = folder.relativize(file).toString().replace('\\', '/');
            if (!hidden.contains(name) && !files.containsKey(name)) {
              files.put(name, hash(file));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot list " + folder, e);
        }
      }
      hidden.addAll(module.deleted().get(i));
    }
    return files;
  }

  private static String hash(Path file) throws IOException {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
