package dev.hotpatch.serve.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.serve.workspace.ModuleResources;
import dev.hotpatch.serve.workspace.ResourceRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceFilesTest {
  @TempDir Path dir;

  private Path write(String file, String text) throws Exception {
    Path path = dir.resolve(file);
    Files.createDirectories(path.getParent());
    return Files.writeString(path, text);
  }

  private ResourceFiles resources(ResourceRoot... roots) {
    return new ResourceFiles(
        new ModuleResources(
            List.of(roots),
            Map.of("project.version", "1.2", "greeting", "hello ${who}", "who", "world"),
            StandardCharsets.UTF_8));
  }

  private ResourceRoot root(String folder, boolean filtering) {
    return new ResourceRoot(dir.resolve(folder), "", filtering, List.of(), List.of());
  }

  @Test
  void unfilteredResourceIsCopiedAsWritten() throws Exception {
    Path file = write("res/app/message.txt", "version ${project.version}");

    assertThat(resources(root("res", false)).apply(file, dir.resolve("out")))
        .contains("app/message.txt");

    assertThat(dir.resolve("out/app/message.txt")).hasContent("version ${project.version}");
  }

  @Test
  void filteredResourceGetsProjectValuesBothDelimitersAndNestedValues() throws Exception {
    Path file =
        write("res/app.properties", "v=${project.version}\nat=@project.version@\ng=${greeting}");

    resources(root("res", true)).apply(file, dir.resolve("out"));

    assertThat(dir.resolve("out/app.properties")).hasContent("v=1.2\nat=1.2\ng=hello world");
  }

  @Test
  void expressionWithoutValueStaysAsWritten() throws Exception {
    Path file = write("res/a.txt", "${no.such.value} and user@example.com");

    resources(root("res", true)).apply(file, dir.resolve("out"));

    assertThat(dir.resolve("out/a.txt")).hasContent("${no.such.value} and user@example.com");
  }

  @Test
  void imagesAreNeverFiltered() throws Exception {
    Path file = write("res/logo.png", "${project.version}");

    resources(root("res", true)).apply(file, dir.resolve("out"));

    assertThat(dir.resolve("out/logo.png")).hasContent("${project.version}");
  }

  @Test
  void aFileThatIsNotTextInTheEncodingIsCopiedUnfiltered() throws Exception {
    byte[] font = {0, 1, (byte) 0xC3, 0x28, '$', '{', 'w', 'h', 'o', '}', (byte) 0xFF};
    Path file = dir.resolve("res/fonts/body.ttf");
    Files.createDirectories(file.getParent());
    Files.write(file, font);

    resources(root("res", true)).apply(file, dir.resolve("out"));

    assertThat(dir.resolve("out/fonts/body.ttf")).hasBinaryContent(font);
  }

  @Test
  void targetPathPrefixesTheName() throws Exception {
    Path file = write("conf/a.xml", "<a/>");
    ResourceRoot conf =
        new ResourceRoot(dir.resolve("conf"), "META-INF/conf/", false, List.of(), List.of());

    assertThat(resources(conf).target(file)).contains("META-INF/conf/a.xml");
  }

  @Test
  void excludedOrNotIncludedFileIsNoResource() throws Exception {
    Path xml = write("src/app/Mapper.xml", "<m/>");
    Path java = write("src/app/Mapper.java", "class Mapper {}");
    Path skipped = write("src/app/skip/Other.xml", "<o/>");
    ResourceRoot mappers =
        new ResourceRoot(dir.resolve("src"), "", false, List.of("**/*.xml"), List.of("**/skip/**"));

    ResourceFiles files = resources(mappers);

    assertThat(files.target(xml)).contains("app/Mapper.xml");
    assertThat(files.target(java)).isEmpty();
    assertThat(files.target(skipped)).isEmpty();
  }

  @Test
  void deletedResourceIsRemovedFromTheClassFolder() throws Exception {
    Path file = write("res/a.txt", "a");
    Path out = dir.resolve("out");
    ResourceFiles files = resources(root("res", false));
    files.apply(file, out);
    Files.delete(file);

    files.apply(file, out);

    assertThat(out.resolve("a.txt")).doesNotExist();
  }

  @Test
  void deletedResourceFolderTakesItsResourcesButNotTheClassesBesideThem() throws Exception {
    Path file = write("res/app/messages.properties", "a=1");
    Path out = dir.resolve("out");
    ResourceFiles files = resources(root("res", false));
    files.apply(file, out);
    Files.writeString(out.resolve("app/Main.class"), "class");
    Files.delete(file);
    Files.delete(dir.resolve("res/app"));

    files.apply(dir.resolve("res/app"), out);

    assertThat(out.resolve("app/messages.properties")).doesNotExist();
    assertThat(out.resolve("app/Main.class")).exists();
  }

  @Test
  void laterRootWinsForTheSameFile() throws Exception {
    Path file = write("res/a.txt", "${project.version}");
    ResourceFiles files = resources(root("res", false), root("res", true));

    files.apply(file, dir.resolve("out"));

    assertThat(dir.resolve("out/a.txt")).hasContent("1.2");
  }

  @Test
  void antPatternsFollowMavensRules() {
    assertThat(AntPattern.of("**/*.xml").matches("a.xml")).isTrue();
    assertThat(AntPattern.of("**/*.xml").matches("a/b/c.xml")).isTrue();
    assertThat(AntPattern.of("*.xml").matches("a/b.xml")).isFalse();
    assertThat(AntPattern.of("conf/").matches("conf/x/y.txt")).isTrue();
    assertThat(AntPattern.of("a?.txt").matches("ab.txt")).isTrue();
  }
}
