package dev.hotpatch.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.diff.change.AmbiguousMatch;
import dev.hotpatch.diff.change.ChangeKind;
import dev.hotpatch.diff.change.ClassChange;
import dev.hotpatch.diff.change.ConstantChange;
import dev.hotpatch.diff.change.StructuralChange;
import dev.hotpatch.diff.change.StructuralChange.Kind;
import dev.hotpatch.diff.testing.InMemoryCompiler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

class ModuleDiffTest {

  static Stream<Fixture> fixtures() {
    return Fixtures.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void buildComparedWithItselfOrARecompilationHasNoChanges(Fixture fixture) {
    for (List<String> sources : List.of(fixture.beforeSources(), fixture.afterSources())) {
      ModuleSnapshot one =
          ModuleSnapshot.of(InMemoryCompiler.compile(sources.toArray(String[]::new)));
      ModuleSnapshot again =
          ModuleSnapshot.of(InMemoryCompiler.compile(sources.toArray(String[]::new)));

      assertThat(ModuleDiff.compare(one, one).isEmpty()).isTrue();
      ModuleDiff recompiled = ModuleDiff.compare(one, again);
      assertThat(recompiled.isEmpty()).as(recompiled.summary()).isTrue();
      assertThat(recompiled.summary()).isEqualTo("no changes");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyFixtureReportsAChange(Fixture fixture) {
    ModuleDiff diff = fixture.diff();

    assertThat(diff.isEmpty()).isFalse();
    assertThat(diff.warnings()).isEmpty();
  }

  @Test
  void changedMethodBodyIsBodyOnlyAndNamesTheMethod() {
    ModuleDiff diff = Fixtures.BODY.diff();

    assertThat(diff.changes()).hasSize(1);
    ClassChange change = diff.changes().get(0);
    assertThat(change.className()).isEqualTo("lib/Greeter");
    assertThat(change.kind()).isEqualTo(ChangeKind.BODY_ONLY);
    assertThat(change.changedMethods()).containsExactly("greet()Ljava/lang/String;");
    assertThat(change.structuralChanges()).isEmpty();
    assertThat(diff.onlyBodiesChanged()).isTrue();
    assertThat(diff.summary()).isEqualTo("lib.Greeter  body: greet()");
  }

  @Test
  void movedLineIsDebugOnly() {
    ModuleDiff diff = Fixtures.LINE_MOVED.diff();

    assertThat(kinds(diff)).containsExactly(Map.entry("lib/Greeter", ChangeKind.DEBUG_ONLY));
    assertThat(diff.changes().get(0).changedMethods()).isEmpty();
    assertThat(diff.onlyBodiesChanged()).isTrue();
    assertThat(diff.summary()).startsWith("lib.Greeter  debug-only");
  }

  @Test
  void renamedLocalVariableIsDebugOnly() {
    ModuleDiff diff = Fixtures.LOCAL_RENAMED.diff();

    assertThat(kinds(diff)).containsExactly(Map.entry("lib/Greeter", ChangeKind.DEBUG_ONLY));
  }

  @Test
  void summaryListsBodiesThenStructuralChanges() {
    ModuleDiff diff = Fixtures.FIELD_ADDED.diff();

    assertThat(diff.summary()).isEqualTo("lib.Greeter  body: greet(); field added: count:int");
    assertThat(diff.onlyBodiesChanged()).isFalse();
    ClassChange change = diff.changes().get(0);
    assertThat(change.kind()).isEqualTo(ChangeKind.STRUCTURAL);
    assertThat(change.structuralChanges())
        .containsExactly(new StructuralChange(Kind.FIELD_ADDED, "count:I", "", "package-private"));
  }

  @Test
  void removedFieldIsStructural() {
    assertThat(Fixtures.FIELD_REMOVED.diff().summary())
        .isEqualTo("lib.Greeter  field removed: count:int");
  }

  @Test
  void changedFieldTypeIsStructural() {
    ClassChange change = Fixtures.FIELD_TYPE.diff().changes().get(0);

    assertThat(change.structuralChanges())
        .containsExactly(new StructuralChange(Kind.FIELD_TYPE_CHANGED, "count:I", "I", "J"));
    assertThat(change.describe())
        .isEqualTo("lib.Greeter  field type changed: count:int -> count:long");
  }

  @Test
  void fieldMadeStaticFinalChangesItsModifiers() {
    ClassChange change = Fixtures.FIELD_STATIC.diff().changes().get(0);

    assertThat(change.structuralChanges())
        .contains(
            new StructuralChange(
                Kind.FIELD_ACCESS_CHANGED,
                "lock:Ljava/lang/Object;",
                "package-private",
                "static final"));
  }

  @Test
  void methodsAddedRemovedAndChangedAreToldApart() {
    ClassChange change = Fixtures.METHODS.diff().changes().get(0);

    assertThat(change.structuralChanges())
        .containsExactly(
            new StructuralChange(
                Kind.METHOD_SIGNATURE_CHANGED,
                "greet()Ljava/lang/String;",
                "greet()Ljava/lang/String;",
                "greet(Ljava/lang/String;)Ljava/lang/String;"),
            new StructuralChange(Kind.METHOD_REMOVED, "wave()V", "public", ""),
            new StructuralChange(Kind.METHOD_ADDED, "bow()V", "", "public"));
    assertThat(change.describe())
        .isEqualTo(
            "lib.Greeter  method signature changed: greet() -> greet(String);"
                + " method removed: wave(); method added: bow()");
  }

  @Test
  void changedThrowsClauseIsASignatureChange() {
    assertThat(Fixtures.METHOD_THROWS.diff().summary())
        .isEqualTo("lib.Greeter  method signature changed: greet() -> greet() throws IOException");
  }

  @Test
  void changedSupertypesAreStructural() {
    ClassChange change = Fixtures.SUPERTYPES.diff().changes().get(0);

    assertThat(change.structuralChanges())
        .contains(
            new StructuralChange(Kind.SUPERCLASS_CHANGED, "", "java/lang/Object", "lib/Base"),
            new StructuralChange(Kind.INTERFACES_CHANGED, "", "", "java/lang/Runnable"));
    assertThat(change.describe())
        .contains("superclass changed: java.lang.Object -> lib.Base")
        .contains("interfaces changed: +java.lang.Runnable");
  }

  @Test
  void changedAnnotationValueIsStructural() {
    ModuleDiff diff = Fixtures.ANNOTATION.diff();

    assertThat(kinds(diff)).containsExactly(Map.entry("lib/Greeter", ChangeKind.STRUCTURAL));
    assertThat(diff.changes().get(0).structuralChanges())
        .containsExactly(
            new StructuralChange(
                Kind.ANNOTATION_CHANGED,
                "greet()V",
                "@lib.Route(value=\"/a\")",
                "@lib.Route(value=\"/b\")"));
  }

  @Test
  void addedEnumConstantIsReportedAsOneList() {
    ClassChange change = Fixtures.ENUM_CONSTANT.diff().changes().get(0);

    assertThat(change.structuralChanges())
        .containsExactly(
            new StructuralChange(
                Kind.ENUM_CONSTANTS_CHANGED, "", "RED, GREEN", "RED, GREEN, BLUE"));
    assertThat(change.describe())
        .contains("enum constants changed: [RED, GREEN] -> [RED, GREEN, BLUE]");
  }

  @Test
  void addedRecordComponentChangesComponentsConstructorAndAccessors() {
    ClassChange change = Fixtures.RECORD_COMPONENT.diff().changes().get(0);

    assertThat(change.structuralChanges())
        .extracting(StructuralChange::kind)
        .containsExactly(
            Kind.RECORD_COMPONENTS_CHANGED, Kind.METHOD_SIGNATURE_CHANGED, Kind.METHOD_ADDED);
    assertThat(change.describe())
        .contains("record components changed: [x:int] -> [x:int, y:int]")
        .contains("method signature changed: <init>(int) -> <init>(int,int)")
        .contains("method added: y()");
  }

  @Test
  void newPermittedSubclassChangesTheSealedType() {
    ModuleDiff diff = Fixtures.SEALED.diff();

    assertThat(kinds(diff))
        .containsExactly(
            Map.entry("lib/Shape", ChangeKind.STRUCTURAL),
            Map.entry("lib/Square", ChangeKind.ADDED));
    assertThat(diff.changes().get(0).structuralChanges())
        .containsExactly(
            new StructuralChange(
                Kind.PERMITTED_SUBCLASSES_CHANGED, "", "lib/Circle", "lib/Circle, lib/Square"));
  }

  @Test
  void nestMateUsingAnotherPrivateFieldIsBodyOnlyWhileItsHostGainsAMember() {
    ModuleDiff diff = Fixtures.NEST_MEMBER.diff();

    assertThat(kinds(diff))
        .containsExactly(
            Map.entry("lib/Outer", ChangeKind.STRUCTURAL),
            Map.entry("lib/Outer$Extra", ChangeKind.ADDED),
            Map.entry("lib/Outer$Reader", ChangeKind.BODY_ONLY));
    assertThat(diff.changes().get(0).structuralChanges())
        .extracting(StructuralChange::kind)
        .contains(Kind.NEST_MEMBERS_CHANGED, Kind.INNER_CLASSES_CHANGED, Kind.FIELD_ADDED);
    assertThat(diff.changes().get(2).changedMethods()).containsExactly("read()I");
  }

  @Test
  void changedPublicConstantIsReportedForRecompilation() {
    ModuleDiff diff = Fixtures.CONSTANT.diff();

    assertThat(diff.changedConstants())
        .containsExactly(
            new ConstantChange(
                "lib/Config", "GREETING", "Ljava/lang/String;", "\"hi\"", "\"hello\""));
    assertThat(diff.changedConstants().get(0).describe())
        .isEqualTo("lib.Config.GREETING \"hi\" -> \"hello\"");
    ClassChange change = diff.changes().get(0);
    assertThat(change.kind()).isEqualTo(ChangeKind.STRUCTURAL);
    assertThat(change.structuralChanges())
        .contains(
            new StructuralChange(
                Kind.CONSTANT_CHANGED, "GREETING:Ljava/lang/String;", "\"hi\"", "\"hello\""));
    // The private constant is inlined only into its own class, which changed with it.
    assertThat(change.changedMethods()).containsExactly("secret()I");
  }

  @Test
  void constantThatIsNoLongerConstantIsReportedAsGone() {
    ModuleDiff diff = Fixtures.CONSTANT_REMOVED.diff();

    assertThat(diff.changedConstants())
        .containsExactly(new ConstantChange("lib/Config", "TIMEOUT", "J", "30L", ""));
    assertThat(diff.changedConstants().get(0).describe())
        .isEqualTo("lib.Config.TIMEOUT 30L -> (no longer a constant)");
  }

  @Test
  void addedAndRemovedClassesAreListed() {
    ModuleDiff diff = Fixtures.CLASS_ADDED_REMOVED.diff();

    assertThat(kinds(diff))
        .containsExactly(
            Map.entry("lib/Fresh", ChangeKind.ADDED), Map.entry("lib/Old", ChangeKind.REMOVED));
    assertThat(diff.summary()).isEqualTo("lib.Fresh  added\nlib.Old  removed");
    assertThat(diff.kindOf("lib.Stays")).isEqualTo(ChangeKind.UNCHANGED);
    assertThat(diff.kindOf("lib/Old")).isEqualTo(ChangeKind.REMOVED);
    assertThatThrownBy(() -> diff.kindOf("lib.Nowhere"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lib.Nowhere");
  }

  @Test
  void insertedLambdaKeepsItsBodyMappedToTheNewName() {
    ModuleDiff diff = Fixtures.LAMBDA_INSERTED.diff();

    assertThat(diff.renames())
        .containsExactly(Map.entry("demo/App.lambda$main$0", "demo/App.lambda$main$1"));
    assertThat(diff.removedSynthetics()).isEmpty();
    assertThat(diff.ambiguous()).isEmpty();
    ClassChange change = diff.changes().get(0);
    assertThat(change.kind()).isEqualTo(ChangeKind.STRUCTURAL);
    // The moved lambda's body is the same; only main, which creates the new one, changed.
    assertThat(change.changedMethods()).containsExactly("main()Ljava/util/function/Supplier;");
    assertThat(change.structuralChanges())
        .containsExactly(
            new StructuralChange(
                Kind.SYNTHETIC_RENAMED,
                "lambda$main$0()Ljava/lang/String;",
                "demo/App.lambda$main$0",
                "demo/App.lambda$main$1"),
            new StructuralChange(
                Kind.METHOD_ADDED,
                "lambda$main$0()Ljava/lang/String;",
                "",
                "private static synthetic"));
    assertThat(diff.onlyBodiesChanged()).isFalse();
  }

  @Test
  void editedLambdaIsABodyChangeOfTheSameName() {
    ModuleDiff diff = Fixtures.LAMBDA_EDITED.diff();

    assertThat(diff.renames()).isEmpty();
    assertThat(diff.changes().get(0).kind()).isEqualTo(ChangeKind.BODY_ONLY);
    assertThat(diff.changes().get(0).changedMethods())
        .containsExactly("lambda$main$0()Ljava/lang/String;");
    assertThat(diff.onlyBodiesChanged()).isTrue();
  }

  @Test
  void lambdaInsertedBeforeAnEditedOneIsAmbiguous() {
    ModuleDiff diff = Fixtures.LAMBDA_AMBIGUOUS.diff();

    assertThat(diff.ambiguous())
        .containsExactly(
            new AmbiguousMatch(
                "demo/App",
                List.of("demo/App.lambda$main$0"),
                List.of("demo/App.lambda$main$0", "demo/App.lambda$main$1")));
    assertThat(diff.renames()).isEmpty();
    assertThat(diff.removedSynthetics()).containsExactly("demo/App.lambda$main$0");
    assertThat(diff.onlyBodiesChanged()).isFalse();
    assertThat(diff.changes().get(0).structuralChanges())
        .extracting(StructuralChange::kind)
        .contains(Kind.SYNTHETIC_AMBIGUOUS, Kind.METHOD_REMOVED, Kind.METHOD_ADDED);
  }

  @Test
  void removedAnonymousClassAndLambdaAreReportedForTheRuntime() {
    ModuleDiff diff =
        Fixture.of(
                "anonymous class and lambda removed",
                """
                package demo;
                public class App {
                  Runnable task = new Runnable() { public void run() {} };
                  java.util.function.Supplier<String> name = () -> "x";
                }
                """,
                """
                package demo;
                public class App {
                  Runnable task = null;
                  java.util.function.Supplier<String> name = null;
                }
                """)
            .diff();

    assertThat(diff.removedSynthetics()).containsExactly("demo/App$1", "demo/App.lambda$new$0");
  }

  @Test
  void lambdaInsertedInAnEarlierMethodRenumbersTheLaterOnes() {
    ModuleDiff diff = Fixtures.LAMBDA_IN_OTHER_METHOD.diff();

    assertThat(diff.renames())
        .containsExactly(Map.entry("demo/App.lambda$second$0", "demo/App.lambda$second$1"));
    assertThat(diff.changes().get(0).changedMethods()).containsExactly("first()V");
  }

  @Test
  void serializableLambdasKeepTheirHashedNames() {
    ModuleDiff diff = Fixtures.SERIALIZABLE_LAMBDA.diff();

    // javac names a serializable lambda after a hash of what it is, so inserting one moves none.
    assertThat(diff.renames()).isEmpty();
    assertThat(diff.ambiguous()).isEmpty();
    assertThat(diff.changes().get(0).structuralChanges())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.kind()).isEqualTo(Kind.METHOD_ADDED);
              assertThat(s.member()).startsWith("lambda$main$");
            });
  }

  @Test
  void insertedAnonymousClassRenumbersTheFollowingOne() {
    ModuleDiff diff = Fixtures.ANONYMOUS.diff();

    assertThat(diff.renames()).containsExactly(Map.entry("demo/Foo$1", "demo/Foo$2"));
    assertThat(kinds(diff))
        .containsExactly(
            Map.entry("demo/Foo", ChangeKind.STRUCTURAL),
            Map.entry("demo/Foo$1", ChangeKind.ADDED),
            Map.entry("demo/Foo$2", ChangeKind.STRUCTURAL));
    ClassChange renamed = diff.changes().get(2);
    assertThat(renamed.renamedFrom()).isEqualTo("demo/Foo$1");
    assertThat(renamed.changedMethods()).isEmpty();
    assertThat(renamed.describe()).isEqualTo("demo.Foo$2  renamed from demo.Foo$1");
    // Foo.a() now creates Foo$2, which is what it created as Foo$1 before: not a body change.
    assertThat(diff.changes().get(0).changedMethods()).isEmpty();
    assertThat(diff.kindOf("demo/Foo$1")).isEqualTo(ChangeKind.ADDED);
  }

  @Test
  void anonymousClassesOfOneMethodAreMatchedByContent() {
    ModuleDiff diff = Fixtures.ANONYMOUS_SAME_METHOD.diff();

    assertThat(diff.renames()).containsExactly(Map.entry("demo/Foo$1", "demo/Foo$2"));
    assertThat(diff.ambiguous()).isEmpty();
    assertThat(diff.changes().get(0).changedMethods()).containsExactly("a()Ljava/lang/Runnable;");
  }

  @Test
  void localClassIsMatchedByItsNameAndMethod() {
    ModuleDiff diff = Fixtures.LOCAL_CLASS.diff();

    assertThat(diff.renames()).containsExactly(Map.entry("demo/Foo$1Helper", "demo/Foo$2Helper"));
    assertThat(diff.changes())
        .filteredOn(c -> c.className().equals("demo/Foo$1Helper"))
        .singleElement()
        .extracting(ClassChange::kind)
        .isEqualTo(ChangeKind.ADDED);
  }

  @Test
  void switchMapIsMatchedWhateverItsNumber() {
    ModuleDiff diff = Fixtures.SWITCH_MAP.diff();

    assertThat(diff.renames()).containsExactly(Map.entry("demo/Foo$1", "demo/Foo$2"));
    // score() reads the switch map under its new name; what it does is the same.
    assertThat(diff.changes().get(0).changedMethods()).isEmpty();
  }

  @Test
  void enumConstantBodiesAreMatchedByContent() {
    ModuleDiff diff = Fixtures.ENUM_CONSTANT_BODIES.diff();

    assertThat(diff.renames())
        .containsExactly(Map.entry("demo/Op$1", "demo/Op$2"), Map.entry("demo/Op$2", "demo/Op$3"));
    assertThat(diff.kindOf("demo/Op$1")).isEqualTo(ChangeKind.ADDED);
  }

  @Test
  void editedEnumConstantBodyIsMatchedByItsConstant() {
    ModuleDiff diff = Fixtures.ENUM_CONSTANT_BODY_EDITED.diff();

    assertThat(diff.ambiguous()).isEmpty();
    assertThat(diff.renames())
        .containsExactly(Map.entry("demo/Op$1", "demo/Op$2"), Map.entry("demo/Op$2", "demo/Op$3"));
    assertThat(diff.changes())
        .filteredOn(c -> c.className().equals("demo/Op$2"))
        .singleElement()
        .satisfies(c -> assertThat(c.changedMethods()).containsExactly("apply(II)I"));
  }

  @Test
  void bodyBehindABridgeMethodIsBodyOnly() {
    ModuleDiff diff = Fixtures.BRIDGE_BODY.diff();

    assertThat(diff.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ChangeKind.BODY_ONLY);
              assertThat(c.changedMethods()).containsExactly("compareTo(Llib/Box;)I");
            });
  }

  @Test
  void bridgeMethodFollowsTheMethodItBridges() {
    ClassChange change = Fixtures.BRIDGE_TARGET.diff().changes().get(0);

    // The bridge keeps its erased signature; its body now calls the new method.
    assertThat(change.changedMethods()).containsExactly("get()Ljava/lang/Object;");
    assertThat(change.structuralChanges())
        .contains(
            new StructuralChange(
                Kind.METHOD_SIGNATURE_CHANGED,
                "get()Ljava/lang/String;",
                "get()Ljava/lang/String;",
                "get()Ljava/lang/Integer;"));
    assertThat(change.describe())
        .contains("method signature changed: get():String -> get():Integer");
  }

  @Test
  void accessorIsMatchedByWhatItReaches() {
    ModuleDiff diff = Fixtures.ACCESSOR.diff();

    assertThat(diff.renames())
        .containsExactly(Map.entry("demo/Acc.access$000", "demo/Acc.access$100"));
    // Reader calls access$100 now, which is what access$000 was: unchanged.
    assertThat(diff.kindOf("demo/Acc$Reader")).isEqualTo(ChangeKind.UNCHANGED);
    assertThat(diff.kindOf("demo/Acc$First")).isEqualTo(ChangeKind.ADDED);
  }

  @Test
  void rewrittenClassWithOtherBytesButTheSameContentIsUnchanged() {
    Map<String, byte[]> classes = InMemoryCompiler.compile(Fixtures.BODY.beforeSources().get(0));
    Map<String, byte[]> rewritten = new HashMap<>();
    classes.forEach(
        (name, bytes) -> {
          ClassWriter writer = new ClassWriter(0);
          new ClassReader(bytes).accept(writer, 0);
          // Inserting an unused constant reorders nothing that matters but changes the bytes.
          writer.newUTF8("padding");
          rewritten.put(name, writer.toByteArray());
        });

    ModuleDiff diff = ModuleDiff.compare(ModuleSnapshot.of(classes), ModuleSnapshot.of(rewritten));

    assertThat(rewritten.get("lib/Greeter")).isNotEqualTo(classes.get("lib/Greeter"));
    assertThat(diff.isEmpty()).isTrue();
  }

  @Test
  void unreadableClassCountsAsStructuralWithAWarning() {
    Map<String, byte[]> classes = InMemoryCompiler.compile(Fixtures.BODY.beforeSources().get(0));
    Map<String, byte[]> broken = new HashMap<>(classes);
    broken.put("lib/Greeter", new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2, 3});

    ModuleDiff diff = ModuleDiff.compare(ModuleSnapshot.of(classes), ModuleSnapshot.of(broken));

    assertThat(diff.isEmpty()).isFalse();
    assertThat(diff.onlyBodiesChanged()).isFalse();
    assertThat(diff.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ChangeKind.STRUCTURAL);
              assertThat(c.structuralChanges())
                  .extracting(StructuralChange::kind)
                  .containsExactly(Kind.UNREADABLE);
            });
    assertThat(diff.warnings())
        .singleElement()
        .asString()
        .contains("lib.Greeter")
        .contains("counted as structurally changed");
    assertThat(diff.summary()).contains("warning: ");
  }

  @Test
  void classWithoutBytesCountsAsChanged() {
    Map<String, byte[]> classes = InMemoryCompiler.compile(Fixtures.BODY.beforeSources().get(0));
    Map<String, byte[]> missing = new HashMap<>(classes);
    missing.put("lib/Greeter", null);

    ModuleSnapshot snapshot = ModuleSnapshot.of(missing);

    assertThat(ModuleDiff.compare(snapshot, snapshot).isEmpty()).isTrue();
    // Two builds that both lack the bytes: nothing proves the class unchanged.
    ModuleDiff twoBuilds = ModuleDiff.compare(snapshot, ModuleSnapshot.of(missing));
    assertThat(kinds(twoBuilds)).containsExactly(Map.entry("lib/Greeter", ChangeKind.STRUCTURAL));
    ModuleDiff other = ModuleDiff.compare(ModuleSnapshot.of(classes), snapshot);
    assertThat(kinds(other)).containsExactly(Map.entry("lib/Greeter", ChangeKind.STRUCTURAL));
    assertThat(other.warnings()).singleElement().asString().contains("lib.Greeter");
  }

  private static Map<String, ChangeKind> kinds(ModuleDiff diff) {
    Map<String, ChangeKind> out = new java.util.LinkedHashMap<>();
    diff.changes().forEach(c -> out.put(c.className(), c.kind()));
    return out;
  }
}
