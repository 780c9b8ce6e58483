package it.proc.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

@SupportedAnnotationTypes("it.proc.processor.Greet")
public final class GreetProcessor extends AbstractProcessor {
  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    slowDownWhileAsked();
    for (Element element : round.getElementsAnnotatedWith(Greet.class)) {
      String pkg = ((PackageElement) element.getEnclosingElement()).getQualifiedName().toString();
      String name = element.getSimpleName() + "Greeting";
      String text = element.getAnnotation(Greet.class).value();
      try (Writer out =
          processingEnv.getFiler().createSourceFile(pkg + "." + name, element).openWriter()) {
        out.write(
            "package " + pkg + ";\npublic final class " + name + " {\n"
                + "  public static String text() { return \"" + text + "\"; }\n}\n");
      } catch (IOException e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.toString(), element);
      }
    }
    return true;
  }

  /**
   * While the file "slow-compile" exists in the working folder, says so with "compiling" and waits
   * (10 s at most) until the test deletes it: the test saves more files while javac runs.
   */
  private static void slowDownWhileAsked() {
    java.nio.file.Path slow = java.nio.file.Path.of("slow-compile");
    if (!java.nio.file.Files.exists(slow)) {
      return;
    }
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of("compiling"), "yes");
      for (int i = 0; i < 200 && java.nio.file.Files.exists(slow); i++) {
        Thread.sleep(50);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
