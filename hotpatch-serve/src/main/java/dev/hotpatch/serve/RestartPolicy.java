package dev.hotpatch.serve;

/**
 * What serve does when no patch can make a change correct, or when the application crashes ({@code
 * hotpatch.restart}).
 */
public enum RestartPolicy {
  /**
   * Restart the application on the new code; after a crash, start it again on the next change that
   * compiles.
   */
  AUTO,

  /**
   * Keep the application running on its last good code and say what was not applied; a crash ends
   * serve with the application's exit code.
   */
  NEVER
}
