package dev.hotpatch.diff.internal.compare;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableAnnotationNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.ParameterNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Digests of a method's code: one of what it does, one of its debug information.
 *
 * <p>The behaviour digest covers instructions, operands (with names mapped), branch targets,
 * exception handlers, parameter names (reflection sees them) and instruction annotations. It leaves
 * out line numbers, local variable names and types, stack map frames and max stack/locals, which
 * are either debug-only or derived from the code. Labels count only where code jumps to them, since
 * javac also creates labels for line numbers.
 */
final class BodyPrinter {
  private static final int LABEL = 1000;
  private static final int TRY_CATCH = 1001;
  private static final int PARAMETER = 1002;
  private static final int ANNOTATION = 1003;

  private BodyPrinter() {}

  /** The two digests of a method. */
  public record Result(Digest body, Digest debug) {}

  public static Result print(MethodNode method, NameMapper mapper) {
    Map<LabelNode, Integer> targets = branchTargets(method);
    Map<LabelNode, Integer> positions = new IdentityHashMap<>();
    Digest.Builder body = Digest.builder();
    Digest.Builder debug = Digest.builder();
    int position = 0;
    for (AbstractInsnNode insn = method.instructions.getFirst();
        insn != null;
        insn = insn.getNext()) {
      if (insn instanceof LabelNode) {
        positions.put((LabelNode) insn, position);
        Integer target = targets.get(insn);
        if (target != null) {
          body.putInt(LABEL).putInt(target);
        }
      } else if (insn instanceof LineNumberNode) {
        debug.putInt(((LineNumberNode) insn).line).putInt(position);
      } else if (insn.getOpcode() >= 0) {
        instruction(insn, body, targets, mapper);
        position++;
      }
    }
    if (method.tryCatchBlocks != null) {
      for (TryCatchBlockNode block : method.tryCatchBlocks) {
        body.putInt(TRY_CATCH)
            .putInt(targets.get(block.start))
            .putInt(targets.get(block.end))
            .putInt(targets.get(block.handler))
            .putString(block.type == null ? null : mapper.mapClass(block.type));
        annotations(
            body,
            AnnotationText.of(
                null, null, block.visibleTypeAnnotations, block.invisibleTypeAnnotations, mapper));
      }
    }
    if (method.parameters != null) {
      for (ParameterNode parameter : method.parameters) {
        body.putInt(PARAMETER).putString(parameter.name).putInt(parameter.access);
      }
    }
    if (method.localVariables != null) {
      for (LocalVariableNode local : method.localVariables) {
        debug
            .putString(local.name)
            .putString(mapper.mapDescriptor(local.desc))
            .putString(mapper.mapSignature(local.signature))
            .putInt(positionOf(positions, local.start))
            .putInt(positionOf(positions, local.end))
            .putInt(local.index);
      }
    }
    localVariableAnnotations(debug, method.visibleLocalVariableAnnotations, positions, mapper);
    localVariableAnnotations(debug, method.invisibleLocalVariableAnnotations, positions, mapper);
    return new Result(body.build(), debug.build());
  }

  /** Numbers the labels that code refers to, in the order they appear. */
  private static Map<LabelNode, Integer> branchTargets(MethodNode method) {
    Map<LabelNode, Boolean> referenced = new IdentityHashMap<>();
    for (AbstractInsnNode insn = method.instructions.getFirst();
        insn != null;
        insn = insn.getNext()) {
      if (insn instanceof JumpInsnNode) {
        referenced.put(((JumpInsnNode) insn).label, true);
      } else if (insn instanceof TableSwitchInsnNode) {
        TableSwitchInsnNode sw = (TableSwitchInsnNode) insn;
        referenced.put(sw.dflt, true);
        sw.labels.forEach(l -> referenced.put(l, true));
      } else if (insn instanceof LookupSwitchInsnNode) {
        LookupSwitchInsnNode sw = (LookupSwitchInsnNode) insn;
        referenced.put(sw.dflt, true);
        sw.labels.forEach(l -> referenced.put(l, true));
      }
    }
    if (method.tryCatchBlocks != null) {
      for (TryCatchBlockNode block : method.tryCatchBlocks) {
        referenced.put(block.start, true);
        referenced.put(block.end, true);
        referenced.put(block.handler, true);
      }
    }
    Map<LabelNode, Integer> numbers = new IdentityHashMap<>();
    for (AbstractInsnNode insn = method.instructions.getFirst();
        insn != null;
        insn = insn.getNext()) {
      if (insn instanceof LabelNode && referenced.containsKey(insn)) {
        numbers.put((LabelNode) insn, numbers.size());
      }
    }
    return numbers;
  }

  private static void instruction(
      AbstractInsnNode insn, Digest.Builder out, Map<LabelNode, Integer> targets, NameMapper m) {
    out.putInt(insn.getOpcode());
    if (insn instanceof IntInsnNode) {
      out.putInt(((IntInsnNode) insn).operand);
    } else if (insn instanceof VarInsnNode) {
      out.putInt(((VarInsnNode) insn).var);
    } else if (insn instanceof TypeInsnNode) {
      out.putString(m.mapTypeOperand(((TypeInsnNode) insn).desc));
    } else if (insn instanceof FieldInsnNode) {
      FieldInsnNode f = (FieldInsnNode) insn;
      out.putString(m.mapClass(f.owner))
          .putString(m.mapMember(f.owner, f.name, f.desc))
          .putString(m.mapDescriptor(f.desc));
    } else if (insn instanceof MethodInsnNode) {
      MethodInsnNode mi = (MethodInsnNode) insn;
      out.putString(m.mapTypeOperand(mi.owner))
          .putString(m.mapMember(mi.owner, mi.name, mi.desc))
          .putString(m.mapDescriptor(mi.desc))
          .putInt(mi.itf ? 1 : 0);
    } else if (insn instanceof InvokeDynamicInsnNode) {
      InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
      out.putString(indy.name)
          .putString(m.mapDescriptor(indy.desc))
          .putString(m.handleText(indy.bsm));
      out.putInt(indy.bsmArgs.length);
      for (Object arg : indy.bsmArgs) {
        out.putString(m.constantText(arg));
      }
    } else if (insn instanceof JumpInsnNode) {
      out.putInt(targets.get(((JumpInsnNode) insn).label));
    } else if (insn instanceof LdcInsnNode) {
      out.putString(m.constantText(((LdcInsnNode) insn).cst));
    } else if (insn instanceof IincInsnNode) {
      IincInsnNode iinc = (IincInsnNode) insn;
      out.putInt(iinc.var).putInt(iinc.incr);
    } else if (insn instanceof TableSwitchInsnNode) {
      TableSwitchInsnNode sw = (TableSwitchInsnNode) insn;
      out.putInt(sw.min).putInt(sw.max).putInt(targets.get(sw.dflt));
      sw.labels.forEach(l -> out.putInt(targets.get(l)));
    } else if (insn instanceof LookupSwitchInsnNode) {
      LookupSwitchInsnNode sw = (LookupSwitchInsnNode) insn;
      out.putInt(targets.get(sw.dflt)).putInt(sw.keys.size());
      sw.keys.forEach(out::putInt);
      sw.labels.forEach(l -> out.putInt(targets.get(l)));
    } else if (insn instanceof MultiANewArrayInsnNode) {
      MultiANewArrayInsnNode multi = (MultiANewArrayInsnNode) insn;
      out.putString(m.mapDescriptor(multi.desc)).putInt(multi.dims);
    }
    if (insn.visibleTypeAnnotations != null || insn.invisibleTypeAnnotations != null) {
      annotations(
          out,
          AnnotationText.of(
              null, null, insn.visibleTypeAnnotations, insn.invisibleTypeAnnotations, m));
    }
  }

  private static void annotations(Digest.Builder out, List<String> texts) {
    for (String text : texts) {
      out.putInt(ANNOTATION).putString(text);
    }
  }

  private static void localVariableAnnotations(
      Digest.Builder out,
      List<LocalVariableAnnotationNode> nodes,
      Map<LabelNode, Integer> positions,
      NameMapper mapper) {
    if (nodes == null) {
      return;
    }
    for (LocalVariableAnnotationNode node : nodes) {
      out.putString(AnnotationText.text(node, mapper)).putInt(node.typeRef);
      for (int i = 0; i < node.index.size(); i++) {
        out.putInt(positionOf(positions, node.start.get(i)))
            .putInt(positionOf(positions, node.end.get(i)))
            .putInt(node.index.get(i));
      }
    }
  }

  private static int positionOf(Map<LabelNode, Integer> positions, LabelNode label) {
    Integer position = positions.get(label);
    return position == null ? -1 : position;
  }
}
