/**
 * What one class file means to other classes, as values: a use of a class or member outside the
 * module ({@link dev.hotpatch.diff.classfile.Reference}) and what code compiled against a class can
 * depend on ({@link dev.hotpatch.diff.classfile.ClassApi}). The store reads them, the entry points
 * and serve's incremental compiler use them.
 */
package dev.hotpatch.diff.classfile;
