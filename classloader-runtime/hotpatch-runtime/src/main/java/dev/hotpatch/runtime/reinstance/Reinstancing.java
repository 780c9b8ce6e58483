package dev.hotpatch.runtime.reinstance;

import dev.hotpatch.runtime.loader.Generation;
import dev.hotpatch.runtime.loader.ModuleRegistry;
import dev.hotpatch.runtime.loader.Renames;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objenesis.ObjenesisStd;
import org.objenesis.instantiator.ObjectInstantiator;

/**
 * One round of re-instancing: turns values that refer to objects of reloaded classes into values
 * that refer to objects of the new classes, against one target generation of loaders.
 *
 * <p>An object of a reloaded class becomes an object of the class of the same name (or the name
 * module-diff matched it with) in the target generation: allocated without running a constructor,
 * then given the old object's fields by declaring class and name. Records go through their
 * canonical constructor instead, enum constants map by name, {@code Class} objects to the new class
 * of the same name. Arrays and the plain JDK collections ({@link ContainerCopy}) that hold such
 * objects, directly or deeper, are copied; everything else (JDK objects, objects of classes that
 * were not reloaded, lambdas) is kept as it is and not looked into.
 *
 * <p>The same old object always becomes the same new object: within the round through its own
 * table, across rounds through the {@link Reinstancer}'s table of earlier results. The graph is
 * walked without recursion, cycles included: every object is allocated before any field is filled,
 * and collections are filled last, when the hash codes of their elements are final.
 */
public final class Reinstancing {
  /** What a value becomes when no new object can stand for it (its class is gone, say). */
  public static final Object UNCONVERTIBLE =
      new Object() {
        @Override
        public String toString() {
          return "(not re-instanced)";
        }
      };

  private static final ClassValue<ObjectInstantiator<?>> INSTANTIATORS =
      new ClassValue<>() {
        @Override
        protected ObjectInstantiator<?> computeValue(Class<?> type) {
          // No cache in Objenesis itself: it would hold every class it saw, and so its loader.
          return new ObjenesisStd(false).getInstantiatorOf(type);
        }
      };

  private enum Kind {
    /**
     * A value with a known replacement: a class, an enum constant, an object re-instanced before.
     */
    REPLACE,
    /** An object re-instanced in an earlier round whose new class was reloaded again. */
    ALIAS,
    OBJECT,
    RECORD,
    ARRAY,
    CONTAINER
  }

  private static final class Node {
    final Object old;
    final Kind kind;
    final List<Object> children;
    final List<Field> fields;
    final List<Node> containers = new ArrayList<>(1);
    boolean changes;
    boolean constructing;
    Object result;
    ContainerCopy copy;

    Node(Object old, Kind kind, List<Object> children, List<Field> fields) {
      this.old = old;
      this.kind = kind;
      this.children = children;
      this.fields = fields;
    }
  }

  private final ClassMapping classes;
  private final WeakIdentityMap earlier;
  private final List<String> warnings;
  private final Set<String> warned = new LinkedHashSet<>();
  private final IdentityHashMap<Object, Node> nodes = new IdentityHashMap<>();
  private final IdentityHashMap<Object, Object> converted = new IdentityHashMap<>();
  private final List<Object> created = new ArrayList<>();

  /**
   * @param target the generation whose classes the new objects belong to
   * @param pending the renames of the patch that builds {@code target}, by module; empty when
   *     {@code target} is current already
   * @param earlier old-to-new objects of earlier rounds, read only
   * @param warnings where to say what could not be kept
   */
  Reinstancing(
      ModuleRegistry registry,
      Generation target,
      Map<String, Renames> pending,
      WeakIdentityMap earlier,
      List<String> warnings) {
    this.classes = new ClassMapping(registry, target, pending);
    this.earlier = earlier;
    this.warnings = warnings;
  }

  /** Which new class stands for an old one; shared with the statics carry of the same patch. */
  ClassMapping classes() {
    return classes;
  }

  /**
   * Converts {@code root} and everything it reaches that needs converting.
   *
   * @return the converted value, {@code root} itself when nothing in it changed, or {@link
   *     #UNCONVERTIBLE}
   * @throws ReinstanceException if a record constructor or a new class refuses
   */
  public Object convert(Object root) {
    List<Node> fresh = discover(root);
    propagate(fresh);
    for (Node node : fresh) {
      allocate(node);
    }
    for (Node node : fresh) {
      if (node.changes && node.result != UNCONVERTIBLE) {
        if (node.kind == Kind.OBJECT) {
          fillObject(node);
        } else if (node.kind == Kind.ARRAY) {
          fillArray(node);
        }
      }
    }
    for (Node node : fresh) {
      resolve(node.old); // Constructs records and follows aliases.
    }
    // Inner collections before outer ones, so that a set of lists hashes the filled lists.
    for (int i = fresh.size() - 1; i >= 0; i--) {
      Node node = fresh.get(i);
      if (node.kind == Kind.CONTAINER && node.changes) {
        fillContainer(node);
      }
    }
    for (Node node : fresh) {
      if (node.changes && node.kind != Kind.REPLACE && node.result != UNCONVERTIBLE) {
        converted.put(node.old, node.result);
      }
    }
    return resolve(root);
  }

  /** Runs the {@code @OnReload} instance hooks of every object this round created. */
  public void runHooks() {
    for (Object object : created) {
      OnReloadHooks.runInstance(object);
    }
  }

  /** The old-to-new objects of this round, for the {@link Reinstancer} to keep. */
  Map<Object, Object> converted() {
    return converted;
  }

  private List<Node> discover(Object root) {
    List<Node> fresh = new ArrayList<>();
    Deque<Object> queue = new ArrayDeque<>();
    if (root != null) {
      queue.add(root);
    }
    while (!queue.isEmpty()) {
      Object value = queue.poll();
      if (nodes.containsKey(value)) {
        continue;
      }
      Node node = classify(value);
      if (node == null) {
        continue; // Kept as it is.
      }
      nodes.put(value, node);
      fresh.add(node);
      for (Object child : node.children) {
        if (child != null) {
          queue.add(child);
        }
      }
    }
    for (Node node : fresh) {
      if (node.kind == Kind.ARRAY || node.kind == Kind.CONTAINER) {
        for (Object child : node.children) {
          Node inner = child == null ? null : nodes.get(child);
          if (inner != null) {
            inner.containers.add(node);
          }
        }
      }
    }
    return fresh;
  }

  private Node classify(Object value) {
    Object known = converted.get(value);
    if (known == null) {
      known = earlier.get(value);
    }
    if (known != null) {
      Kind kind = mayNeedConverting(known) ? Kind.ALIAS : Kind.REPLACE;
      Node node = new Node(value, kind, kind == Kind.ALIAS ? List.of(known) : List.of(), List.of());
      node.changes = true;
      node.result = kind == Kind.REPLACE ? known : null;
      return node;
    }
    Class<?> type = value.getClass();
    if (value instanceof Class<?> old) {
      return classes.isStale(old) ? replacement(value, replaceClass(old)) : null;
    }
    if (value instanceof Enum<?> constant && classes.isStale(constant.getDeclaringClass())) {
      return replacement(value, replaceConstant(constant));
    }
    if (type.isArray()) {
      if (type.getComponentType().isPrimitive()) {
        return null;
      }
      Node node =
          new Node(value, Kind.ARRAY, new ArrayList<>(Arrays.asList((Object[]) value)), List.of());
      node.changes = classes.isStale(elementType(type));
      return node;
    }
    if (classes.isStale(type)) {
      if (type.isHidden()) {
        return null; // A lambda: its class cannot be made again; it keeps running its old code.
      }
      List<Field> fields = instanceFields(type);
      List<Object> values = new ArrayList<>(fields.size());
      for (Field field : fields) {
        values.add(read(field, value));
      }
      Node node = new Node(value, type.isRecord() ? Kind.RECORD : Kind.OBJECT, values, fields);
      node.changes = true;
      return node;
    }
    if (ContainerCopy.isCopyable(value)) {
      return new Node(value, Kind.CONTAINER, ContainerCopy.contents(value), List.of());
    }
    return null;
  }

  /** Whether {@code value} could be anything but itself after converting; cheap, no lookups. */
  private boolean mayNeedConverting(Object value) {
    Class<?> type = value.getClass();
    return classes.isStale(type)
        || (type.isArray() && !type.getComponentType().isPrimitive())
        || ContainerCopy.isCopyable(value);
  }

  private static Class<?> elementType(Class<?> arrayType) {
    Class<?> type = arrayType;
    while (type.isArray()) {
      type = type.getComponentType();
    }
    return type;
  }

  private Node replacement(Object value, Object replacement) {
    Node node = new Node(value, Kind.REPLACE, List.of(), List.of());
    node.changes = replacement != value;
    node.result = replacement;
    return node;
  }

  private Object replaceClass(Class<?> old) {
    Class<?> replacement = classes.newClassOf(old);
    if (replacement == null) {
      warn(
          "The class object "
              + old.getName()
              + " kept its old version: the new build has no class of that name.");
      return old;
    }
    return replacement;
  }

  private Object replaceConstant(Enum<?> constant) {
    Object replacement = classes.newConstantOf(constant);
    if (replacement == null) {
      warn(
          "The enum constant "
              + constant.getDeclaringClass().getName()
              + "."
              + constant.name()
              + " is gone; what held it now holds null.");
      return UNCONVERTIBLE;
    }
    return replacement;
  }

  /**
   * Every instance field of {@code type} and its superclasses, readable. Fields of JDK superclasses
   * stay out when the JDK does not open them: the new object gets their default values.
   */
  private List<Field> instanceFields(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        if (field.trySetAccessible()) {
          fields.add(field);
        } else {
          warn(
              "Objects of "
                  + type.getName()
                  + " were re-instanced without the fields of "
                  + c.getName()
                  + ", which the JDK does not let anyone copy; they start from their defaults.");
        }
      }
    }
    return fields;
  }

  private static Object read(Field field, Object owner) {
    try {
      return field.get(owner);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read " + field + " though it is accessible", e);
    }
  }

  /**
   * Marks every new array or collection that reaches a changing value through arrays and
   * collections, whether that value was found in this call or an earlier one of the round.
   */
  private void propagate(List<Node> fresh) {
    Deque<Node> changed = new ArrayDeque<>();
    for (Node node : fresh) {
      if (node.changes) {
        changed.add(node);
      }
      if (node.kind == Kind.ARRAY || node.kind == Kind.CONTAINER) {
        for (Object child : node.children) {
          Node inner = child == null ? null : nodes.get(child);
          if (inner != null && inner.changes) {
            changed.add(inner);
          }
        }
      }
    }
    while (!changed.isEmpty()) {
      for (Node container : changed.poll().containers) {
        if (!container.changes) {
          container.changes = true;
          changed.add(container);
        }
      }
    }
  }

  private void allocate(Node node) {
    if (!node.changes) {
      return;
    }
    switch (node.kind) {
      case OBJECT -> node.result = instantiate(node.old.getClass());
      case ARRAY -> {
        Class<?> component = classes.newClassOf(node.old.getClass().getComponentType());
        if (component == null) {
          warn(
              "An array of "
                  + node.old.getClass().getComponentType().getName()
                  + " was not re-instanced: the new build has no such class.");
          node.result = UNCONVERTIBLE;
        } else {
          node.result = Array.newInstance(component, node.children.size());
        }
      }
      case CONTAINER -> {
        node.copy = ContainerCopy.emptyLike(node.old);
        node.result = node.copy.result();
      }
      default -> {
        // Records are constructed once their components are ready; the rest have their result.
      }
    }
  }

  private Object instantiate(Class<?> oldType) {
    Class<?> newType = classes.newClassOf(oldType);
    if (newType == null || newType.isRecord() || newType.isInterface() || isAbstract(newType)) {
      warn(
          "An object of "
              + oldType.getName()
              + " was not re-instanced: "
              + (newType == null
                  ? "the new build has no such class"
                  : "its new version cannot have objects of its own")
              + "; what held it now holds null.");
      return UNCONVERTIBLE;
    }
    Object fresh;
    try {
      fresh = INSTANTIATORS.get(newType).newInstance();
    } catch (RuntimeException | LinkageError e) {
      throw new ReinstanceException(
          "Cannot allocate an object of the new " + newType.getName() + ": " + e,
          newType.getName(),
          e);
    }
    created.add(fresh);
    return fresh;
  }

  private static boolean isAbstract(Class<?> type) {
    return Modifier.isAbstract(type.getModifiers());
  }

  private void fillObject(Node node) {
    Map<String, Integer> old = new HashMap<>();
    for (int i = 0; i < node.fields.size(); i++) {
      Field field = node.fields.get(i);
      old.put(newNameOf(field.getDeclaringClass()) + "#" + field.getName(), i);
    }
    for (Class<?> c = node.result.getClass(); c != null && c != Object.class; ) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Integer index = old.get(c.getName() + "#" + field.getName());
        if (index != null) {
          Field from = node.fields.get(index);
          store(node.result, field, from.getType(), node.children.get(index));
        }
      }
      c = c.getSuperclass();
    }
  }

  /** The name of {@code declaring} in the target generation, for matching fields by class. */
  private String newNameOf(Class<?> declaring) {
    Class<?> replacement = classes.isStale(declaring) ? classes.newClassOf(declaring) : declaring;
    return replacement == null ? declaring.getName() : replacement.getName();
  }

  /** Gives {@code field} of {@code owner} the converted {@code oldValue} if it fits, else warns. */
  private void store(Object owner, Field field, Class<?> oldType, Object oldValue) {
    String where = field.getDeclaringClass().getName() + "." + field.getName();
    Object value;
    if (field.getType().isPrimitive()) {
      if (oldType != field.getType()) {
        warn(
            where
                + " was reset: its type changed from "
                + oldType.getName()
                + " to "
                + field.getType().getName()
                + ".");
        return;
      }
      value = oldValue;
    } else {
      value = resolve(oldValue);
      if (value == UNCONVERTIBLE || (value != null && !field.getType().isInstance(value))) {
        warn(
            where
                + " was reset to null: its old value does not fit its new type "
                + field.getType().getName()
                + ".");
        return;
      }
    }
    try {
      field.setAccessible(true);
      field.set(owner, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot set " + where + " though it is accessible", e);
    }
  }

  private void fillArray(Node node) {
    Class<?> component = node.result.getClass().getComponentType();
    for (int i = 0; i < node.children.size(); i++) {
      Object old = node.children.get(i);
      Object value = resolve(old);
      if (value == UNCONVERTIBLE || (value != null && !component.isInstance(value))) {
        value = component.isInstance(old) ? old : null;
        warn(
            "An element of an array of "
                + component.getName()
                + " could not be re-instanced; it "
                + (value == null ? "is null now." : "kept its old object."));
      }
      Array.set(node.result, i, value);
    }
  }

  private void fillContainer(Node node) {
    List<Object> contents = new ArrayList<>(node.children.size());
    for (Object old : node.children) {
      Object value = resolve(old);
      if (value == UNCONVERTIBLE) {
        warn(
            "An element of a "
                + node.old.getClass().getName()
                + " could not be re-instanced; it kept its old object.");
        value = old;
      }
      contents.add(value);
    }
    try {
      node.copy.fill(contents);
    } catch (RuntimeException e) {
      throw new ReinstanceException(
          "Cannot fill the copy of a "
              + node.old.getClass().getName()
              + " with re-instanced elements (their equals or hashCode threw): "
              + e,
          node.old.getClass().getName(),
          e);
    }
  }

  private Object resolve(Object value) {
    if (value == null) {
      return null;
    }
    Node node = nodes.get(value);
    if (node == null || !node.changes) {
      return value;
    }
    if (node.kind == Kind.RECORD && node.result == null) {
      node.result = construct(node);
    } else if (node.kind == Kind.ALIAS && node.result == null) {
      node.result = resolve(node.children.get(0));
    }
    return node.result;
  }

  private Object construct(Node node) {
    Class<?> oldType = node.old.getClass();
    Class<?> newType = classes.newClassOf(oldType);
    if (newType == null || !newType.isRecord()) {
      warn(
          "A "
              + oldType.getName()
              + " record was not re-instanced: the new build has no record of that name; what"
              + " held it now holds null.");
      return UNCONVERTIBLE;
    }
    if (node.constructing) {
      throw new ReinstanceException(
          "Cannot re-instance the record "
              + oldType.getName()
              + ": it reaches itself through its own components, and a record's components are"
              + " set by its constructor.",
          oldType.getName(),
          null);
    }
    node.constructing = true;
    RecordComponent[] components = newType.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] arguments = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      arguments[i] = component(node, components[i], newType);
    }
    try {
      Constructor<?> canonical = newType.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      Object fresh = canonical.newInstance(arguments);
      created.add(fresh);
      return fresh;
    } catch (InvocationTargetException e) {
      throw new ReinstanceException(
          "The canonical constructor of the record "
              + newType.getName()
              + " refused the old values: "
              + e.getCause(),
          newType.getName(),
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ReinstanceException(
          "Cannot call the canonical constructor of the record " + newType.getName() + ": " + e,
          newType.getName(),
          e);
    } finally {
      node.constructing = false;
    }
  }

  /** The value of one component of the new record: the old one of that name if it fits. */
  private Object component(Node node, RecordComponent component, Class<?> newType) {
    Class<?> type = component.getType();
    Object fallback = type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
    for (int i = 0; i < node.fields.size(); i++) {
      Field field = node.fields.get(i);
      if (!field.getName().equals(component.getName())
          || field.getDeclaringClass() != node.old.getClass()) {
        continue;
      }
      String where = newType.getName() + "." + component.getName();
      if (type.isPrimitive()) {
        if (field.getType() == type) {
          return node.children.get(i);
        }
        warn(where + " was reset: its type changed from " + field.getType().getName() + ".");
        return fallback;
      }
      Object value = resolve(node.children.get(i));
      if (value == UNCONVERTIBLE || (value != null && !type.isInstance(value))) {
        warn(where + " was reset to null: its old value does not fit " + type.getName() + ".");
        return fallback;
      }
      return value;
    }
    return fallback;
  }

  private void warn(String warning) {
    if (warned.add(warning)) {
      warnings.add(warning);
    }
  }
}
