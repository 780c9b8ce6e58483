package dev.hotpatch.diff.internal.compare;

import dev.hotpatch.diff.internal.names.SyntheticNames;
import java.util.Map;

/**
 * Maps the new build's synthetic names to the old names they were matched with, and marks the
 * unmatched ones as new (a suffix no Java name can contain), so that a new {@code App$1} that is a
 * different class from the old {@code App$1} never compares equal to it.
 */
final class RenameMapper extends NameMapper {
  static final String NEW_MARK = " (new)";

  private final Map<String, String> classes;
  private final Map<String, String> members;

  /**
   * @param classes new internal name to old internal name (or to the name plus {@link #NEW_MARK})
   * @param members {@code owner.name + descriptor} in the new build to the old member name
   */
  RenameMapper(Map<String, String> classes, Map<String, String> members) {
    this.classes = classes;
    this.members = members;
  }

  @Override
  public String mapClass(String internalName) {
    return classes.getOrDefault(internalName, internalName);
  }

  @Override
  public String mapMember(String owner, String name, String descriptor) {
    if (!SyntheticNames.isNumberedMember(name)) {
      return name;
    }
    return members.getOrDefault(owner + "." + name + descriptor, name);
  }
}
