package dev.hotpatch.serve.compile;

/** Maven runs on a Java runtime without javac, which hotpatch needs to compile in process. */
public final class CompilerUnavailableException extends RuntimeException {
  private final String javaHome;

  public CompilerUnavailableException(String javaHome) {
    super(
        "No Java compiler in "
            + javaHome
            + ": Maven runs on a Java runtime without javac (the jdk.compiler module), and"
            + " hotpatch:serve compiles patches in the Maven process. Run Maven with a JDK 17 or"
            + " later: set JAVA_HOME to a JDK, not a JRE.");
    this.javaHome = javaHome;
  }

  public String javaHome() {
    return javaHome;
  }
}
