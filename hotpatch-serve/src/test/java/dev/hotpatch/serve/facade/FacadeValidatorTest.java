package dev.hotpatch.serve.facade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.HotFacade;
import dev.hotpatch.serve.compile.ModuleCompiler;
import dev.hotpatch.serve.workspace.CompilerSettings;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacadeValidatorTest {
  @TempDir Path dir;

  private Path compile(String... sources) throws Exception {
    Path root = dir.resolve("src");
    for (String source : sources) {
      String name = source.replaceAll("(?s).*(?:interface|class|record|enum) (\\w+).*", "$1");
      Path file = root.resolve("lib").resolve(name + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, "package lib;\nimport dev.hotpatch.*;\nimport java.util.*;\n" + source);
    }
    WorkspaceModule module =
        new WorkspaceModule(
            "lib",
            dir,
            List.of(root),
            dir.resolve("classes"),
            dir.resolve("target"),
            List.of(),
            List.of(),
            List.of(),
            CompilerSettings.defaults());
    Path api = Path.of(HotFacade.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleCompiler.systemCompiler().compile(module, List.of(api), module.outputDirectory());
    return module.outputDirectory();
  }

  @Test
  void jdkTypesOtherFacadesAndValuesAreAllowed() throws Exception {
    Path classes =
        compile(
            "@HotFacade public interface Shop { Basket basket(String owner); Price price(List<Item> items) throws java.io.IOException; }",
            "@HotFacade public interface Basket { void add(Item item, int count); }",
            "@HotValue public record Item(String name) {}",
            "@HotValue public enum Price { CHEAP, DEAR }",
            "class ShopImpl implements Shop { public Basket basket(String o) { return null; } public Price price(List<Item> i) { return Price.CHEAP; } }");
    assertThat(new FacadeValidator().validate(Map.of("lib", classes))).isEmpty();
  }

  @Test
  void aReloadableClassInASignatureIsNamedWithItsFacadeAndMethod() throws Exception {
    Path classes =
        compile(
            "@HotFacade public interface Greeter { String greet(Person person, int times); }",
            "public class Person { public String name; }");
    List<FacadeViolation> violations = new FacadeValidator().validate(Map.of("lib", classes));
    assertThat(violations)
        .containsExactly(
            new FacadeViolation("lib.Greeter", "greet(Person, int)", "lib.Person", "lib"));
    assertThat(violations.get(0).describe())
        .isEqualTo(
            "@HotFacade interface lib.Greeter, method greet(Person, int): lib.Person is a class of"
                + " module lib, which reloads on every patch, so callers and the implementation"
                + " would disagree on it. A facade signature may name only JDK types, third-party"
                + " types, other @HotFacade interfaces and types marked @HotValue. Mark lib.Person"
                + " @HotValue (a record or an enum used as a value), make it a @HotFacade"
                + " interface, or use JDK types in the signature.");
  }

  @Test
  void codeOfAStableClassThatUsesAReloadableClassIsNamedWithClassMethodAndModule()
      throws Exception {
    Path classes =
        compile(
            "@HotValue public record Quote(long cents) { public long total() { return cents + Tax.of(cents); } }",
            "public class Tax { public static long of(long cents) { return cents / 5; } }");

    List<StableCodeViolation> violations =
        new FacadeValidator().validateStableCode(Map.of("lib", classes));

    assertThat(violations)
        .containsExactly(
            new StableCodeViolation("lib.Quote", "@HotValue", "method total()", "lib.Tax", "lib"));
    assertThat(violations.get(0).describe())
        .isEqualTo(
            "Stable class lib.Quote (@HotValue), method total(): its code uses lib.Tax, a class of"
                + " module lib, which reloads on every patch; the stable layer is loaded once and"
                + " cannot see it, so the code would fail with NoClassDefFoundError. Move that"
                + " code into the implementation, or mark lib.Tax @HotValue.");
  }

  @Test
  void stableCodeMayUseJdkAndOtherStableClasses() throws Exception {
    Path classes =
        compile(
            "@HotFacade public interface Shop { Price price(Item item); default Price cheapest() { return price(new Item(List.of(\"x\").get(0))); } }",
            "@HotValue public record Item(String name) {}",
            "@HotValue public enum Price { CHEAP, DEAR }",
            "class ShopImpl implements Shop { public Price price(Item i) { return Helper.price(); } }",
            "class Helper { static Price price() { return Price.CHEAP; } }");

    assertThat(new FacadeValidator().validateStableCode(Map.of("lib", classes))).isEmpty();
  }

  @Test
  void typeArgumentsAndArraysAreChecked() throws Exception {
    Path classes =
        compile(
            "@HotFacade public interface Registry { Map<String, Entry> all(); void load(Entry[] entries); }",
            "public class Entry {}");
    assertThat(new FacadeValidator().validate(Map.of("lib", classes)))
        .extracting(FacadeViolation::method)
        .containsExactly("all()", "load(Entry[])");
  }

  @Test
  void aFolderIsReadOnceSinceBuildsAreNeverRewritten() throws Exception {
    Path classes =
        compile(
            "@HotFacade public interface Greeter { String greet(Person person); }",
            "public class Person {}");
    FacadeValidator validator = new FacadeValidator();
    assertThat(validator.validate(Map.of("lib", classes))).hasSize(1);
    Path next = dir.resolve("next/lib");
    Files.createDirectories(next);
    Files.copy(classes.resolve("lib/Greeter.class"), next.resolve("Greeter.class"));
    Files.delete(classes.resolve("lib/Person.class"));

    // The same folder: its facts are remembered. A new build's folder: read.
    assertThat(validator.validate(Map.of("lib", classes))).hasSize(1);
    assertThat(validator.validate(Map.of("lib", next.getParent()))).isEmpty();
  }
}
