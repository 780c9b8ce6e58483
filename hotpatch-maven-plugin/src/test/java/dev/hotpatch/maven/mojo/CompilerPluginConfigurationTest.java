package dev.hotpatch.maven.mojo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.serve.workspace.CompilerSettings;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoFailureException;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

class CompilerPluginConfigurationTest {
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

  /** maven-compiler-plugin 3.13.0's parameters as Maven hands a compile execution to the mojo. */
  private static final String DEFAULTS =
      "<debug default-value='true'>${maven.compiler.debug}</debug>"
          + "<debuglevel>${maven.compiler.debuglevel}</debuglevel>"
          + "<encoding default-value='${project.build.sourceEncoding}'>${encoding}</encoding>"
          + "<generatedSourcesDirectory"
          + " default-value='${project.build.directory}/generated-sources/annotations'/>"
          + "<parameters default-value='false'>${maven.compiler.parameters}</parameters>"
          + "<proc>${maven.compiler.proc}</proc>"
          + "<release>${maven.compiler.release}</release>"
          + "<showWarnings default-value='true'>${maven.compiler.showWarnings}</showWarnings>"
          + "<source default-value='1.8'>${maven.compiler.source}</source>"
          + "<target default-value='1.8'>${maven.compiler.target}</target>";

  private static CompilerPluginConfiguration configuration(String xml, Map<String, String> props)
      throws Exception {
    return new CompilerPluginConfiguration(
        "lib",
        Xpp3DomBuilder.build(new StringReader("<configuration>" + xml + "</configuration>")),
        expression -> evaluate(expression, props));
  }

  /** Like Maven: an expression that is all one unknown property gives null. */
  private static Object evaluate(String text, Map<String, String> props) {
    Matcher whole = EXPRESSION.matcher(text);
    if (whole.matches()) {
      return props.get(whole.group(1));
    }
    return EXPRESSION.matcher(text).replaceAll(m -> props.getOrDefault(m.group(1), ""));
  }

  @Test
  void propertiesFillTheParametersTheModuleLeavesUnset() throws Exception {
    CompilerSettings settings =
        configuration(
                DEFAULTS,
                Map.of(
                    "maven.compiler.release", "17",
                    "project.build.sourceEncoding", "UTF-8",
                    "maven.compiler.parameters", "true",
                    "project.build.directory", "/w/lib/target"))
            .settings(List.of());
    assertThat(settings.release()).isEqualTo("17");
    assertThat(settings.encoding()).isEqualTo("UTF-8");
    assertThat(settings.parameters()).isTrue();
    assertThat(settings.generatedSourcesDirectory())
        .isEqualTo(Path.of("/w/lib/target/generated-sources/annotations"));
    assertThat(settings.javacOptions())
        .containsExactly("-g", "-parameters", "--release", "17", "-encoding", "UTF-8");
  }

  @Test
  void withNothingSetThePluginDefaultsApply() throws Exception {
    CompilerSettings settings = configuration(DEFAULTS, Map.of()).settings(List.of());
    assertThat(settings.javacOptions()).containsExactly("-g", "-target", "1.8", "-source", "1.8");
  }

  @Test
  void executionConfigurationWinsOverProperties() throws Exception {
    String xml =
        DEFAULTS
            .replace("${maven.compiler.release}", "21")
            .replace("<debuglevel>${maven.compiler.debuglevel}", "<debuglevel>lines,source")
            .replace(">${maven.compiler.showWarnings}<", ">false<")
            .replace("<proc>${maven.compiler.proc}", "<proc>full");
    CompilerSettings settings =
        configuration(xml, Map.of("maven.compiler.release", "17")).settings(List.of());
    assertThat(settings.javacOptions())
        .containsExactly("-proc:full", "-g:lines,source", "-nowarn", "--release", "21");
  }

  @Test
  void debugOffPassesNoDebugOption() throws Exception {
    CompilerSettings settings =
        configuration(DEFAULTS, Map.of("maven.compiler.debug", "false")).settings(List.of());
    assertThat(settings.javacOptions()).doesNotContain("-g").noneMatch(o -> o.startsWith("-g:"));
  }

  @Test
  void compilerArgumentsArgumentAndArgsComeInMavensOrder() throws Exception {
    String xml =
        "<compilerArgs><arg>-Xlint:all</arg><arg>-Aflag=${flag}</arg><arg>-J-Xmx1g</arg>"
            + "</compilerArgs>"
            + "<compilerArgument>-Xmaxerrs=5</compilerArgument>"
            + "<compilerArguments><Akey>value</Akey><verbose/><Xmaxwarns>7</Xmaxwarns>"
            + "</compilerArguments>";
    CompilerSettings settings = configuration(xml, Map.of("flag", "on")).settings(List.of());
    assertThat(settings.compilerArgs())
        .containsExactly(
            "-Akey=value", "-verbose", "-Xmaxwarns", "7", "-Xmaxerrs=5", "-Xlint:all", "-Aflag=on");
  }

  @Test
  void annotationProcessorsAndResolvedPathsReachJavac() throws Exception {
    String xml =
        "<annotationProcessors><annotationProcessor>a.B</annotationProcessor>"
            + "<annotationProcessor>c.D</annotationProcessor></annotationProcessors>";
    CompilerSettings settings =
        configuration(xml, Map.of()).settings(List.of(Path.of("/repo/lombok.jar")));
    assertThat(settings.processors()).containsExactly("a.B", "c.D");
    assertThat(settings.processorPath()).containsExactly(Path.of("/repo/lombok.jar"));
    assertThat(settings.javacOptions()).containsSequence("-processor", "a.B,c.D");
  }

  @Test
  void processorPathsAreReadWithTheirExclusions() throws Exception {
    String xml =
        "<annotationProcessorPaths><path><groupId>org.projectlombok</groupId>"
            + "<artifactId>lombok</artifactId><version>${lombok.version}</version></path>"
            + "<path><groupId>g</groupId><artifactId>a</artifactId><classifier>c</classifier>"
            + "<exclusions><exclusion><groupId>x</groupId><artifactId>y</artifactId></exclusion>"
            + "</exclusions></path></annotationProcessorPaths>";
    List<ProcessorCoordinate> paths =
        configuration(xml, Map.of("lombok.version", "1.18.40")).processorPaths();
    assertThat(paths)
        .containsExactly(
            new ProcessorCoordinate("org.projectlombok", "lombok", "1.18.40", "", "jar", List.of()),
            new ProcessorCoordinate("g", "a", null, "c", "jar", List.of("x:y")));
  }

  @Test
  void aBrokenExpressionNamesTheModuleAndTheParameter() throws Exception {
    CompilerPluginConfiguration configuration =
        new CompilerPluginConfiguration(
            "lib",
            Xpp3DomBuilder.build(
                new StringReader("<configuration><release>${oops</release></configuration>")),
            expression -> {
              throw new IllegalArgumentException("unclosed expression");
            });
    assertThatThrownBy(() -> configuration.settings(List.of()))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "Cannot evaluate <release>${oops</release> in the maven-compiler-plugin configuration"
                + " of module lib: unclosed expression. Fix the expression in that module's"
                + " pom.xml.");
  }

  @Test
  void jdk23RunsProcessorsOnlyWhenAskedTo() {
    CompilerSettings plain = CompilerSettings.defaults();
    assertThat(plain.annotationProcessingEnabled(17)).isTrue();
    assertThat(plain.annotationProcessingEnabled(25)).isFalse();
    CompilerSettings withPath =
        new CompilerSettings(
            null,
            null,
            null,
            null,
            true,
            null,
            false,
            false,
            false,
            true,
            false,
            null,
            List.of(),
            List.of(Path.of("p.jar")),
            List.of(),
            null);
    assertThat(withPath.annotationProcessingEnabled(25)).isTrue();
    CompilerSettings none =
        new CompilerSettings(
            null,
            null,
            null,
            null,
            true,
            null,
            false,
            false,
            false,
            true,
            false,
            "none",
            List.of(),
            List.of(Path.of("p.jar")),
            List.of(),
            null);
    assertThat(none.annotationProcessingEnabled(17)).isFalse();
  }
}
