package dev.hotpatch.maven.mojo;

import dev.hotpatch.serve.resources.ResourceProcessor;
import dev.hotpatch.serve.workspace.WorkspaceModule;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.project.MavenProject;
import org.apache.maven.shared.filtering.MavenFilteringException;
import org.apache.maven.shared.filtering.MavenResourcesExecution;
import org.apache.maven.shared.filtering.MavenResourcesFiltering;
import org.codehaus.plexus.util.DirectoryScanner;
import org.codehaus.plexus.util.SelectorUtils;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * A changed resource processed by maven-filtering, the library maven-resources-plugin uses, with
 * the configuration the module's {@code resources} execution had: so a patched resource is byte for
 * byte what {@code mvn process-resources} writes ({@code <filters>}, delimiters, {@code
 * escapeString}, {@code nonFilteredFileExtensions}, {@code %regex[]} patterns and every project
 * value included).
 */
final class MavenResources implements ResourceProcessor {
  private static final String RESOURCES_PLUGIN = "maven-resources-plugin";

  /** One module's project and the {@code resources} execution its build ran, or null. */
  record Module(MavenProject project, MojoExecution execution) {}

  private final MavenSession session;
  private final MavenResourcesFiltering filtering;

  /** Replaced when serve reads the build files again, so that a changed filtering applies. */
  private volatile Map<String, Module> modules;

  /**
   * @param modules the reactor's projects by module name, each with the {@code resources} execution
   *     of the forked lifecycle
   */
  MavenResources(
      MavenSession session, MavenResourcesFiltering filtering, Map<String, Module> modules) {
    this.session = session;
    this.filtering = filtering;
    this.modules = Map.copyOf(modules);
  }

  /**
   * The build files were read again: changed resources are processed with these projects and
   * executions from now on.
   */
  void projectsRead(Map<String, Module> modules) {
    this.modules = Map.copyOf(modules);
  }

  /** The {@code resources} execution of maven-resources-plugin among a project's executions. */
  static MojoExecution resourcesExecution(List<MojoExecution> executions) {
    MojoExecution found = null;
    for (MojoExecution execution : executions) {
      if (RESOURCES_PLUGIN.equals(execution.getArtifactId())
          && "resources".equals(execution.getGoal())
          && (found == null || "default-resources".equals(execution.getExecutionId()))) {
        found = execution;
      }
    }
    return found;
  }

  @Override
  public Optional<String> target(WorkspaceModule module, Path file) {
    Module known = modules.get(module.name());
    if (known == null) {
      return Optional.empty();
    }
    return holder(known, file).map(resource -> targetName(resource, file));
  }

  @Override
  public Optional<String> apply(WorkspaceModule module, Path file, Path folder) throws IOException {
    Module known = modules.get(module.name());
    Optional<Resource> holder = known == null ? Optional.empty() : holder(known, file);
    if (holder.isEmpty()) {
      return Optional.empty();
    }
    Resource resource = holder.get();
    String name = targetName(resource, file);
    if (!Files.isRegularFile(file)) {
      return Optional.of(name); // Gone: serve records it as deleted.
    }
    Resource one = resource.clone();
    one.setIncludes(List.of(relative(resource, file)));
    one.setExcludes(List.of());
    try {
      filtering.filterResources(execution(known, one, folder));
    } catch (MavenFilteringException e) {
      throw new IOException(
          "Cannot process the resource "
              + file
              + " of module "
              + module.name()
              + " as maven-resources-plugin would: "
              + e.getMessage(),
          e);
    }
    return Optional.of(name);
  }

  /**
   * The {@code <resource>} that holds {@code file}: Maven copies the resources in order, so a later
   * one's file wins. A deleted file matches its folder alone, since patterns need a file.
   */
  private Optional<Resource> holder(Module module, Path file) {
    List<Resource> resources = module.project().getResources();
    boolean defaultExcludes = flag(module, "addDefaultExcludes", true);
    for (int i = resources.size() - 1; i >= 0; i--) {
      Resource resource = resources.get(i);
      Path directory = Path.of(resource.getDirectory()).toAbsolutePath().normalize();
      Path absolute = file.toAbsolutePath().normalize();
      if (!absolute.startsWith(directory) || absolute.equals(directory)) {
        continue;
      }
      if (!Files.exists(file) || included(resource, relative(resource, file), defaultExcludes)) {
        return Optional.of(resource);
      }
    }
    return Optional.empty();
  }

  /** plexus-utils' matching, as the DirectoryScanner of maven-filtering applies it. */
  private static boolean included(Resource resource, String relative, boolean defaultExcludes) {
    List<String> includes =
        resource.getIncludes().isEmpty() ? List.of("**/**") : resource.getIncludes();
    List<String> excludes = new ArrayList<>(resource.getExcludes());
    if (defaultExcludes) {
      Collections.addAll(excludes, DirectoryScanner.DEFAULTEXCLUDES);
    }
    return includes.stream().anyMatch(pattern -> SelectorUtils.matchPath(pattern, relative))
        && excludes.stream().noneMatch(pattern -> SelectorUtils.matchPath(pattern, relative));
  }

  private MavenResourcesExecution execution(Module module, Resource resource, Path folder) {
    MavenProject project = module.project();
    List<String> filters = new ArrayList<>(values(module, "filters"));
    if (flag(module, "useBuildFilters", true)) {
      filters.addAll(project.getBuild().getFilters());
    }
    MavenSession forProject = session.clone();
    forProject.setCurrentProject(project);
    MavenResourcesExecution execution =
        new MavenResourcesExecution(
            List.of(resource),
            folder.toFile(),
            project,
            text(
                module,
                "encoding",
                project.getProperties().getProperty("project.build.sourceEncoding")),
            filters,
            List.of(),
            forProject);
    execution.setInjectProjectBuildFilters(false);
    execution.setEscapeWindowsPaths(flag(module, "escapeWindowsPaths", true));
    execution.setEscapeString(text(module, "escapeString", null));
    execution.setOverwrite(true);
    execution.setIncludeEmptyDirs(false);
    execution.setSupportMultiLineFiltering(flag(module, "supportMultiLineFiltering", false));
    execution.setFilterFilenames(flag(module, "fileNameFiltering", false));
    execution.setAddDefaultExcludes(flag(module, "addDefaultExcludes", true));
    execution.setPropertiesEncoding(text(module, "propertiesEncoding", null));
    execution.setDelimiters(
        new LinkedHashSet<>(values(module, "delimiters")),
        flag(module, "useDefaultDelimiters", true));
    List<String> nonFiltered = values(module, "nonFilteredFileExtensions");
    if (!nonFiltered.isEmpty()) {
      execution.setNonFilteredFileExtensions(nonFiltered);
    }
    return execution;
  }

  private static String targetName(Resource resource, Path file) {
    String target = resource.getTargetPath() == null ? "" : resource.getTargetPath();
    target = target.replace('\\', '/');
    while (target.endsWith("/")) {
      target = target.substring(0, target.length() - 1);
    }
    String relative = relative(resource, file);
    return target.isEmpty() ? relative : target + "/" + relative;
  }

  private static String relative(Resource resource, Path file) {
    return Path.of(resource.getDirectory())
        .toAbsolutePath()
        .normalize()
        .relativize(file.toAbsolutePath().normalize())
        .toString()
        .replace(File.separatorChar, '/');
  }

  /** A parameter of the resources execution, evaluated as Maven configured the mojo. */
  private String text(Module module, String parameter, String fallback) {
    Xpp3Dom element = configuration(module).getChild(parameter);
    if (element == null) {
      return fallback;
    }
    Object value = evaluate(module, element.getValue());
    if (value == null) {
      value = evaluate(module, element.getAttribute("default-value"));
    }
    return value == null ? fallback : value.toString();
  }

  private boolean flag(Module module, String parameter, boolean fallback) {
    String value = text(module, parameter, null);
    return value == null ? fallback : Boolean.parseBoolean(value.trim());
  }

  private List<String> values(Module module, String parameter) {
    Xpp3Dom element = configuration(module).getChild(parameter);
    List<String> values = new ArrayList<>();
    if (element != null) {
      for (Xpp3Dom child : element.getChildren()) {
        Object value = evaluate(module, child.getValue());
        if (value != null) {
          values.add(value.toString());
        }
      }
    }
    return values;
  }

  private static Xpp3Dom configuration(Module module) {
    Xpp3Dom configuration =
        module.execution() == null ? null : module.execution().getConfiguration();
    return configuration == null ? new Xpp3Dom("configuration") : configuration;
  }

  private Object evaluate(Module module, String text) {
    if (text == null || module.execution() == null) {
      return text;
    }
    MavenSession forProject = session.clone();
    forProject.setCurrentProject(module.project());
    try {
      return new PluginParameterExpressionEvaluator(forProject, module.execution()).evaluate(text);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot read the maven-resources-plugin configuration of "
              + module.project().getArtifactId()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
