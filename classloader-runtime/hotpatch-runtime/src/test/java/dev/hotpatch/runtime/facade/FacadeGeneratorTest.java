package dev.hotpatch.runtime.facade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.runtime.TestWorkspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

class FacadeGeneratorTest {
  @TempDir Path folder;

  @Test
  void facadeImplementsEveryInstanceMethodOnceAndPassesTheVerifier() throws Exception {
    TestWorkspace.compile(
        folder,
        List.of(),
        Map.of(
            "demo.Base",
            "package demo; public interface Base { String name(); }",
            "demo.Service",
            """
            package demo;
            public interface Service extends Base {
              String name();
              void touch();
              long add(long a, int b, double c);
              int[] many(Object[] all, boolean flag) throws java.io.IOException;
              default String greet(String who) { return "hello " + who; }
              static Service none() { return null; }
            }
            """));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {url(folder)}, null)) {
      Class<?> service = loader.loadClass("demo.Service");

      byte[] facade = FacadeGenerator.facadeClass(service);

      StringWriter problems = new StringWriter();
      CheckClassAdapter.verify(new ClassReader(facade), loader, false, new PrintWriter(problems));
      assertThat(problems.toString()).isEmpty();
      ClassNode node = new ClassNode();
      new ClassReader(facade).accept(node, 0);
      assertThat(node.name).isEqualTo("demo/Service$HotFacade");
      assertThat(node.interfaces).containsExactly("demo/Service");
      assertThat(node.methods)
          .extracting(method -> method.name + method.desc)
          .containsExactlyInAnyOrder(
              "<init>()V",
              "name()Ljava/lang/String;",
              "touch()V",
              "add(JID)J",
              "many([Ljava/lang/Object;Z)[I",
              "greet(Ljava/lang/String;)Ljava/lang/String;");
      MethodNode many =
          node.methods.stream().filter(method -> method.name.equals("many")).findFirst().get();
      assertThat(many.exceptions).containsExactly("java/io/IOException");
    }
  }

  @Test
  void instanceFacadeForwardsEveryMethodAndTheObjectMethodsToItsTargetAndPassesTheVerifier()
      throws Exception {
    TestWorkspace.compile(
        folder,
        List.of(),
        Map.of(
            "demo.Cart",
            """
            package demo;
            public interface Cart {
              String add(String item, long count);
              String toString();
            }
            """));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {url(folder)}, null)) {
      Class<?> cart = loader.loadClass("demo.Cart");

      byte[] facade = FacadeGenerator.instanceClass(cart);

      StringWriter problems = new StringWriter();
      CheckClassAdapter.verify(new ClassReader(facade), loader, false, new PrintWriter(problems));
      assertThat(problems.toString()).isEmpty();
      ClassNode node = new ClassNode();
      new ClassReader(facade).accept(node, 0);
      assertThat(node.name).isEqualTo("demo/Cart$HotInstance");
      assertThat(node.fields)
          .extracting(field -> field.name + " " + field.desc)
          .containsExactly("hotpatch$target Ljava/lang/Object;");
      assertThat(node.methods)
          .extracting(method -> method.name + method.desc)
          .containsExactlyInAnyOrder(
              "<init>(Ljava/lang/Object;)V",
              "add(Ljava/lang/String;J)Ljava/lang/String;",
              "equals(Ljava/lang/Object;)Z",
              "hashCode()I",
              "toString()Ljava/lang/String;");
    }
  }

  private static URL url(Path path) throws MalformedURLException {
    return path.toUri().toURL();
  }
}
