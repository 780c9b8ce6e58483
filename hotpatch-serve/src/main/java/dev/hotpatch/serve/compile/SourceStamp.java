package dev.hotpatch.serve.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What a source file looked like when it was compiled.
 *
 * @param size its length in bytes, or -1 when only an upper bound of its time is known
 * @param modified its modification time, or for size -1 the time of the oldest class compiled from
 *     it: a file not modified after that is the one the classes came from
 */
record SourceStamp(long size, FileTime modified) {

  static SourceStamp of(Path file) {
    try {
      return of(Files.readAttributes(file, BasicFileAttributes.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the attributes of " + file, e);
    }
  }

  /** The stamp of a file whose attributes were read already, as a walk of its folder reads them. */
  static SourceStamp of(BasicFileAttributes attributes) {
    return new SourceStamp(attributes.size(), attributes.lastModifiedTime());
  }

  /** A bound from the classes of a build this compiler did not make, as Maven's own check. */
  static SourceStamp notAfter(FileTime classesWritten) {
    return new SourceStamp(-1, classesWritten);
  }

  /** Whether {@code current} is still the file this stamp describes. */
  boolean matches(SourceStamp current) {
    if (size < 0) {
      return current.modified.compareTo(modified) <= 0;
    }
    return size == current.size && modified.equals(current.modified);
  }
}
