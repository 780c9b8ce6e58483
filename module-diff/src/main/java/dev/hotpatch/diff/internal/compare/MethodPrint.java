package dev.hotpatch.diff.internal.compare;

import java.util.List;

/**
 * What a method declares, and digests of its code. {@code name} and {@code descriptor} are as in
 * the class file; {@code mappedName} and {@code key} (mapped name and descriptor) are after name
 * mapping and are what comparisons use.
 */
record MethodPrint(
    String name,
    String descriptor,
    String mappedName,
    String key,
    int access,
    String signature,
    List<String> exceptions,
    List<String> annotations,
    Digest body,
    Digest debug) {}
