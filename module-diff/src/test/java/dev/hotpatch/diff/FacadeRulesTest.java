package dev.hotpatch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.diff.testing.Builds;
import dev.hotpatch.diff.testing.InMemoryCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FacadeRulesTest {
  /**
   * Module {@code lib}, from sources of package {@code lib} that use dev.hotpatch and java.util.
   */
  private static Map<String, ModuleSnapshot> compile(String... sources) {
    List<String> all = new ArrayList<>(List.of(Builds.HOT_FACADE, Builds.HOT_VALUE));
    for (String source : sources) {
      // The compiler finds a type's name on a line of its own, after its annotations.
      all.add(
          "package lib;\nimport dev.hotpatch.*;\nimport java.util.*;\n"
              + source.replaceFirst("^(@\\w+) ", "$1\n"));
    }
    return Builds.workspace(all.toArray(String[]::new));
  }

  @Test
  void jdkTypesOtherFacadesAndValuesAreAllowed() {
    Map<String, ModuleSnapshot> classes =
        compile(
            "@HotFacade public interface Shop { Basket basket(String owner); Price price(List<Item> items) throws java.io.IOException; }",
            "@HotFacade public interface Basket { void add(Item item, int count); }",
            "@HotValue public record Item(String name) {}",
            "@HotValue public enum Price { CHEAP, DEAR }",
            "class ShopImpl implements Shop { public Basket basket(String o) { return null; } public Price price(List<Item> i) { return Price.CHEAP; } }");
    assertThat(FacadeRules.signatures(classes)).isEmpty();
  }

  @Test
  void aReloadableClassInASignatureIsNamedWithItsFacadeAndMethod() {
    Map<String, ModuleSnapshot> classes =
        compile(
            "@HotFacade public interface Greeter { String greet(Person person, int times); }",
            "public class Person { public String name; }");
    List<FacadeViolation> violations = FacadeRules.signatures(classes);
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
  void codeOfAStableClassThatUsesAReloadableClassIsNamedWithClassMethodAndModule() {
    Map<String, ModuleSnapshot> classes =
        compile(
            "@HotValue public record Quote(long cents) { public long total() { return cents + Tax.of(cents); } }",
            "public class Tax { public static long of(long cents) { return cents / 5; } }");

    List<StableCodeViolation> violations = FacadeRules.stableCode(classes);

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
  void stableCodeMayUseJdkAndOtherStableClasses() {
    Map<String, ModuleSnapshot> classes =
        compile(
            "@HotFacade public interface Shop { Price price(Item item); default Price cheapest() { return price(new Item(List.of(\"x\").get(0))); } }",
            "@HotValue public record Item(String name) {}",
            "@HotValue public enum Price { CHEAP, DEAR }",
            "class ShopImpl implements Shop { public Price price(Item i) { return Helper.price(); } }",
            "class Helper { static Price price() { return Price.CHEAP; } }");

    assertThat(FacadeRules.stableCode(classes)).isEmpty();
  }

  @Test
  void typeArgumentsAndArraysAreChecked() {
    Map<String, ModuleSnapshot> classes =
        compile(
            "@HotFacade public interface Registry { Map<String, Entry> all(); void load(Entry[] entries); }",
            "public class Entry {}");
    assertThat(FacadeRules.signatures(classes))
        .extracting(FacadeViolation::method)
        .containsExactly("all()", "load(Entry[])");
  }

  @Test
  void aBuildDerivedFromAnotherReadsOnlyWhatChanged() {
    Map<String, ModuleSnapshot> classes =
        compile(
            "@HotFacade public interface Greeter { String greet(Person person); }",
            "public class Person {}",
            "public class Other { int n() { return 1; } }");
    assertThat(FacadeRules.signatures(classes)).hasSize(1);
    assertThat(FacadeRules.stableCode(classes)).isEmpty();
    ModuleSnapshot lib = classes.get("lib");
    ModuleSnapshot next =
        lib.derive(
            Map.of(
                "lib/Other",
                InMemoryCompiler.compile(
                        "package lib;\npublic class Other { int n() { return 2; } }")
                    .get("lib/Other")),
            Set.of());
    long parsed = lib.store().counter().parsed();

    assertThat(FacadeRules.signatures(Map.of("lib", next))).hasSize(1);
    assertThat(FacadeRules.stableCode(Map.of("lib", next))).isEmpty();
    assertThat(lib.store().counter().parsed() - parsed).isEqualTo(1);
  }
}
