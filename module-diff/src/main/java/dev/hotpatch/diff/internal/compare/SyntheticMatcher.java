package dev.hotpatch.diff.internal.compare;

import dev.hotpatch.diff.change.AmbiguousMatch;
import dev.hotpatch.diff.internal.compare.GroupMatcher.Candidate;
import dev.hotpatch.diff.internal.compare.GroupMatcher.Outcome;
import dev.hotpatch.diff.internal.compare.GroupMatcher.Pair;
import dev.hotpatch.diff.internal.names.Names;
import dev.hotpatch.diff.internal.names.SyntheticNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Pairs the classes that differ between two builds, matching javac-numbered classes (anonymous,
 * local, switch maps) and members (lambdas, accessors) by what they are, not by their ordinal.
 */
final class SyntheticMatcher {

  /**
   * @param pairs old name to new name for every class to compare, renamed or not
   * @param added new classes that match nothing old
   * @param removed old classes that match nothing new
   * @param renames qualified old name to qualified new name, for renamed classes and members
   * @param mapper maps the new build's names back to the old ones for comparison
   * @param ambiguous groups that could match in more than one way
   * @param affectedFamilies outermost classes in which names moved; their unchanged classes are
   *     compared too, since a name they use may now denote another class or member
   */
  record Result(
      Map<String, String> pairs,
      Set<String> added,
      Set<String> removed,
      Map<String, String> renames,
      NameMapper mapper,
      List<AmbiguousMatch> ambiguous,
      Set<String> affectedFamilies) {}

  private final BuildView before;
  private final BuildView after;
  private final Map<String, String> pairs = new TreeMap<>();
  private final Set<String> added = new TreeSet<>();
  private final Set<String> removed = new TreeSet<>();
  private final Map<String, String> renames = new TreeMap<>();
  private final Map<String, String> classMap = new HashMap<>();
  private final Map<String, String> memberMap = new HashMap<>();
  private final List<AmbiguousMatch> ambiguous = new ArrayList<>();
  private final Set<String> affectedFamilies = new HashSet<>();
  private final NameMapper classesOnly =
      new NameMapper() {
        @Override
        public String mapClass(String internalName) {
          return classMap.getOrDefault(internalName, internalName);
        }

        @Override
        public String mapMember(String owner, String name, String descriptor) {
          return name;
        }
      };

  private SyntheticMatcher(BuildView before, BuildView after) {
    this.before = before;
    this.after = after;
  }

  /** Matches the readable classes that differ: {@code oldDirty} of before, {@code newDirty}. */
  static Result match(
      BuildView before, BuildView after, Set<String> oldDirty, Set<String> newDirty) {
    SyntheticMatcher m = new SyntheticMatcher(before, after);
    m.matchClasses(oldDirty, newDirty);
    for (Map.Entry<String, String> pair : m.pairs.entrySet()) {
      m.matchMembers(pair.getKey(), pair.getValue());
    }
    NameMapper mapper =
        m.classMap.isEmpty() && m.memberMap.isEmpty()
            ? NameMapper.IDENTITY
            : new RenameMapper(Map.copyOf(m.classMap), Map.copyOf(m.memberMap));
    return new Result(
        m.pairs, m.added, m.removed, m.renames, mapper, m.ambiguous, m.affectedFamilies);
  }

  private void matchClasses(Set<String> oldDirty, Set<String> newDirty) {
    Map<Integer, List<String>> oldCandidates = new TreeMap<>();
    Map<Integer, List<String>> newCandidates = new TreeMap<>();
    for (String o : oldDirty) {
      if (isCandidate(before, o)) {
        oldCandidates.computeIfAbsent(depth(o), k -> new ArrayList<>()).add(o);
      } else if (newDirty.contains(o) && !isCandidate(after, o)) {
        pairs.put(o, o);
      } else {
        removed.add(o);
      }
    }
    for (String n : newDirty) {
      if (isCandidate(after, n)) {
        newCandidates.computeIfAbsent(depth(n), k -> new ArrayList<>()).add(n);
      } else if (!pairs.containsKey(n)) {
        added.add(n);
      }
    }
    // Outer classes first, so that a nested class's group can name its outer's old name.
    Set<Integer> depths = new TreeSet<>(oldCandidates.keySet());
    depths.addAll(newCandidates.keySet());
    for (int depth : depths) {
      Map<String, List<Candidate>> oldGroups = new LinkedHashMap<>();
      Map<String, List<Candidate>> newGroups = new LinkedHashMap<>();
      for (String o : oldCandidates.getOrDefault(depth, List.of())) {
        oldGroups
            .computeIfAbsent(
                classGroup(before, before.print(o), NameMapper.IDENTITY), k -> new ArrayList<>())
            .add(new Candidate(o, () -> before.erased(o).shape()));
      }
      for (String n : newCandidates.getOrDefault(depth, List.of())) {
        newGroups
            .computeIfAbsent(classGroup(after, after.print(n), classesOnly), k -> new ArrayList<>())
            .add(new Candidate(n, () -> after.erased(n).shape()));
      }
      Set<String> keys = new TreeSet<>(oldGroups.keySet());
      keys.addAll(newGroups.keySet());
      for (String key : keys) {
        Outcome outcome =
            GroupMatcher.match(
                oldGroups.getOrDefault(key, List.of()), newGroups.getOrDefault(key, List.of()));
        for (Pair p : outcome.pairs()) {
          String o = p.before().name;
          String n = p.after().name;
          pairs.put(o, n);
          if (!o.equals(n)) {
            classMap.put(n, o);
            renames.put(o, n);
            affect(o);
            affect(n);
          }
        }
        for (Candidate c : outcome.removed()) {
          removed.add(c.name);
          affect(c.name);
        }
        for (Candidate c : outcome.added()) {
          added.add(c.name);
          classMap.put(c.name, c.name + RenameMapper.NEW_MARK);
          affect(c.name);
        }
        if (outcome.ambiguous()) {
          String outer = after.print(outcome.added().get(0).name).synthetic().outer();
          ambiguous.add(
              new AmbiguousMatch(outer, names(outcome.removed()), names(outcome.added())));
        }
      }
    }
  }

  /** Lambdas and accessors of one class pair. */
  private void matchMembers(String oldName, String newName) {
    ClassPrint oldPrint = before.print(oldName);
    ClassPrint newPrint = after.print(newName);
    Map<String, List<Candidate>> oldGroups = memberGroups(before, oldName, oldPrint, false);
    Map<String, List<Candidate>> newGroups = memberGroups(after, newName, newPrint, true);
    if (oldGroups.isEmpty() && newGroups.isEmpty()) {
      return;
    }
    Map<String, String> descriptors = new HashMap<>();
    newPrint.methods().forEach(m -> descriptors.put(m.name(), m.descriptor()));
    Set<String> keys = new TreeSet<>(oldGroups.keySet());
    keys.addAll(newGroups.keySet());
    for (String key : keys) {
      Outcome outcome =
          GroupMatcher.match(
              oldGroups.getOrDefault(key, List.of()), newGroups.getOrDefault(key, List.of()));
      for (Pair p : outcome.pairs()) {
        String o = p.before().name;
        String n = p.after().name;
        if (!o.equals(n) || !oldName.equals(newName)) {
          renames.put(oldName + "." + o, newName + "." + n);
        }
        if (!o.equals(n)) {
          memberMap.put(newName + "." + n + descriptors.get(n), o);
          affect(newName);
        }
      }
      for (Candidate c : outcome.added()) {
        memberMap.put(
            newName + "." + c.name + descriptors.get(c.name), c.name + RenameMapper.NEW_MARK);
        affect(newName);
      }
      if (!outcome.removed().isEmpty()) {
        affect(oldName);
      }
      if (outcome.ambiguous()) {
        List<String> olds = new ArrayList<>();
        outcome.removed().forEach(c -> olds.add(oldName + "." + c.name));
        List<String> news = new ArrayList<>();
        outcome.added().forEach(c -> news.add(newName + "." + c.name));
        ambiguous.add(new AmbiguousMatch(newName, olds, news));
      }
    }
  }

  private Map<String, List<Candidate>> memberGroups(
      BuildView view, String className, ClassPrint print, boolean newSide) {
    Map<String, List<Candidate>> groups = new TreeMap<>();
    List<MethodPrint> methods = print.methods();
    for (int i = 0; i < methods.size(); i++) {
      MethodPrint m = methods.get(i);
      if (!SyntheticNames.isNumberedMember(m.name()) || (m.access() & Opcodes.ACC_SYNTHETIC) == 0) {
        continue;
      }
      String descriptor = newSide ? classesOnly.mapDescriptor(m.descriptor()) : m.descriptor();
      String key =
          SyntheticNames.eraseMemberOrdinal(m.name())
              + "|"
              + descriptor
              + "|"
              + (m.access() & Opcodes.ACC_STATIC);
      int index = i;
      groups
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(
              new Candidate(
                  m.name(),
                  () -> ClassPrint.methodShape(view.erased(className).methods().get(index))));
    }
    return groups;
  }

  /**
   * What must agree for two synthetic classes to be the same one: kind, the class and method they
   * are declared in, and for anonymous classes what they extend and, in a field initializer (enum
   * constant bodies included), the field they initialize; for local classes their name.
   */
  private static String classGroup(BuildView view, ClassPrint print, NameMapper m) {
    SyntheticClass s = print.synthetic();
    String outer = m.mapClass(s.outer());
    String method =
        SyntheticNames.eraseMemberOrdinal(s.methodName()) + m.mapDescriptor(s.methodDescriptor());
    switch (s.kind()) {
      case SWITCH_MAP:
        return "switch-map|" + outer;
      case LOCAL:
        return "local|" + outer + "|" + method + "|" + s.simpleName();
      default:
        return "anonymous|"
            + outer
            + "|"
            + method
            + "|"
            + (print.superName() == null ? "" : m.mapClass(print.superName()))
            + "|"
            + String.join(",", mapAll(print.interfaces(), m))
            + "|"
            + (s.methodName().isEmpty() ? initializedField(view, s.outer(), print.name()) : "");
    }
  }

  /**
   * The field of {@code outer} that an instance of anonymous class {@code anonymous} is stored into
   * by a field initializer or enum constant ({@code static final Op PLUS = new Op$1(...)}): the
   * first field of {@code outer} written after the {@code new} in a constructor or static
   * initializer. Empty when there is none, or the outer class cannot be read.
   */
  private static String initializedField(BuildView view, String outer, String anonymous) {
    if (!view.store().contains(outer)) {
      return "";
    }
    ClassNode node = view.node(outer);
    if (node == null) {
      return "";
    }
    for (MethodNode method : node.methods) {
      if (!method.name.equals("<clinit>") && !method.name.equals("<init>")) {
        continue;
      }
      boolean created = false;
      for (AbstractInsnNode insn = method.instructions.getFirst();
          insn != null;
          insn = insn.getNext()) {
        if (insn.getOpcode() == Opcodes.NEW && ((TypeInsnNode) insn).desc.equals(anonymous)) {
          created = true;
        } else if (created
            && (insn.getOpcode() == Opcodes.PUTSTATIC || insn.getOpcode() == Opcodes.PUTFIELD)
            && ((FieldInsnNode) insn).owner.equals(outer)) {
          return ((FieldInsnNode) insn).name;
        }
      }
    }
    return "";
  }

  private static List<String> mapAll(List<String> names, NameMapper m) {
    List<String> out = new ArrayList<>(names.size());
    names.forEach(n -> out.add(m.mapClass(n)));
    return out;
  }

  private static boolean isCandidate(BuildView view, String name) {
    return view.print(name).synthetic().kind() != SyntheticClass.Kind.NONE;
  }

  private static int depth(String name) {
    int count = 0;
    for (int i = name.lastIndexOf('/') + 1; i < name.length(); i++) {
      if (name.charAt(i) == '$') {
        count++;
      }
    }
    return count;
  }

  private void affect(String className) {
    affectedFamilies.add(Names.family(className));
  }

  private static List<String> names(List<Candidate> candidates) {
    List<String> out = new ArrayList<>();
    candidates.forEach(c -> out.add(c.name));
    return out;
  }
}
