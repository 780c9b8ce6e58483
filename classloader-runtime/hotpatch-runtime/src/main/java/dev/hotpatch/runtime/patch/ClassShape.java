package dev.hotpatch.runtime.patch;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What {@code Instrumentation.redefineClasses} needs to stay the same between a loaded class and
 * new bytes for it: supertypes, and fields and methods with their names, types and modifiers.
 * Checked before redefining, so that a change that is not body-only after all is refused with the
 * member that changed rather than with the JVM's terse error for the whole batch.
 */
final class ClassShape {
  private static final int FIELD_MODIFIERS =
      Opcodes.ACC_PUBLIC
          | Opcodes.ACC_PRIVATE
          | Opcodes.ACC_PROTECTED
          | Opcodes.ACC_STATIC
          | Opcodes.ACC_FINAL
          | Opcodes.ACC_VOLATILE
          | Opcodes.ACC_TRANSIENT;
  private static final int METHOD_MODIFIERS =
      Opcodes.ACC_PUBLIC
          | Opcodes.ACC_PRIVATE
          | Opcodes.ACC_PROTECTED
          | Opcodes.ACC_STATIC
          | Opcodes.ACC_FINAL
          | Opcodes.ACC_SYNCHRONIZED
          | Opcodes.ACC_NATIVE
          | Opcodes.ACC_ABSTRACT;

  private ClassShape() {}

  /**
   * What differs between {@code loaded} and {@code bytes} beyond method bodies, or {@code null} if
   * nothing does.
   */
  static String difference(Class<?> loaded, byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG);
    String superName = loaded.getSuperclass() == null ? null : internal(loaded.getSuperclass());
    if (!Objects.equals(superName, node.superName)) {
      return "its superclass changed from " + superName + " to " + node.superName;
    }
    List<String> interfaces = new ArrayList<>();
    for (Class<?> type : loaded.getInterfaces()) {
      interfaces.add(internal(type));
    }
    if (!interfaces.equals(node.interfaces)) {
      return "its interfaces changed from " + interfaces + " to " + node.interfaces;
    }
    Map<String, Integer> oldFields = new TreeMap<>();
    for (Field field : loaded.getDeclaredFields()) {
      oldFields.put(
          field.getName() + ":" + Type.getDescriptor(field.getType()),
          field.getModifiers() & FIELD_MODIFIERS);
    }
    Map<String, Integer> newFields = new TreeMap<>();
    for (FieldNode field : node.fields) {
      newFields.put(field.name + ":" + field.desc, field.access & FIELD_MODIFIERS);
    }
    String fields = compare("field", oldFields, newFields);
    if (fields != null) {
      return fields;
    }
    Map<String, Integer> oldMethods = new TreeMap<>();
    for (Method method : loaded.getDeclaredMethods()) {
      oldMethods.put(
          method.getName() + Type.getMethodDescriptor(method),
          method.getModifiers() & METHOD_MODIFIERS);
    }
    for (Constructor<?> constructor : loaded.getDeclaredConstructors()) {
      oldMethods.put(
          "<init>" + Type.getConstructorDescriptor(constructor),
          constructor.getModifiers() & METHOD_MODIFIERS);
    }
    Map<String, Integer> newMethods = new TreeMap<>();
    for (MethodNode method : node.methods) {
      if (!method.name.equals("<clinit>")) {
        newMethods.put(method.name + method.desc, method.access & METHOD_MODIFIERS);
      }
    }
    return compare("method", oldMethods, newMethods);
  }

  private static String compare(
      String kind, Map<String, Integer> before, Map<String, Integer> after) {
    for (Map.Entry<String, Integer> old : before.entrySet()) {
      Integer modifiers = after.get(old.getKey());
      if (modifiers == null) {
        return kind + " " + old.getKey() + " was removed";
      }
      if (!modifiers.equals(old.getValue())) {
        return "the modifiers of " + kind + " " + old.getKey() + " changed";
      }
    }
    for (String added : after.keySet()) {
      if (!before.containsKey(added)) {
        return kind + " " + added + " was added";
      }
    }
    return null;
  }

  private static String internal(Class<?> type) {
    return type.getName().replace('.', '/');
  }
}
