package dev.hotpatch.runtime.boot;

import com.fasterxml.jackson.core.JsonFactory;
import dev.hotpatch.protocol.MessageRate;
import dev.hotpatch.runtime.ForkedJvm;
import dev.hotpatch.runtime.TestWorkspace;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objenesis.Objenesis;

/** Boot from the compiled classes and the unshaded dependency jars, before packaging. */
class BootTest extends BootScenarios {
  @Override
  List<String> runtimeCommand() throws IOException {
    String classPath =
        Stream.of(
                Boot.class,
                ClassReader.class,
                ClassNode.class,
                JsonFactory.class,
                Objenesis.class,
                MessageRate.class)
            .map(TestWorkspace::locationOf)
            .map(Path::toString)
            .distinct()
            .collect(Collectors.joining(File.pathSeparator));
    return List.of(java(), "-javaagent:" + ForkedJvm.agentJar(folder), "-cp", classPath);
  }
}
