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
}
