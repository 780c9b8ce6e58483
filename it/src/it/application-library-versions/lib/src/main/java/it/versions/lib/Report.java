package it.versions.lib;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.util.URIUtil;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Uses older versions of libraries that hotpatch itself uses in newer ones (Jackson, Guava, ASM,
 * Jetty), and says which jar each class came from.
 */
public final class Report {
  private Report() {}

  public static String line() throws Exception {
    Map<String, Object> data = new TreeMap<>();
    data.put("report", "v1");
    String json = new ObjectMapper().writeValueAsString(data);
    String joined = Joiner.on('+').join(ImmutableList.of("a", "b"));
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "it/Generated", null, "java/lang/Object", null);
    String generated = new ClassReader(writer.toByteArray()).getClassName();
    String path = URIUtil.addPaths("/a", "b");
    return json
        + " "
        + joined
        + " "
        + generated
        + " "
        + path
        + " from "
        + Joiner.on(", ")
            .join(
                jarOf(ObjectMapper.class),
                jarOf(Joiner.class),
                jarOf(ClassReader.class),
                jarOf(URIUtil.class));
  }

  private static String jarOf(Class<?> type) {
    String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
    return location.substring(location.lastIndexOf('/') + 1);
  }
}
