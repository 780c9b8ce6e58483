package dev.hotpatch.diff.internal.compare;

import java.util.List;

/**
 * What a field declares. {@code name} and {@code descriptor} are as in the class file; {@code key}
 * and {@code mappedDescriptor} are after name mapping and are what comparisons use.
 *
 * @param constant the ConstantValue as a Java literal, or null when the field has none
 */
record FieldPrint(
    String name,
    String descriptor,
    String key,
    String mappedDescriptor,
    int access,
    String signature,
    String constant,
    List<String> annotations) {}
