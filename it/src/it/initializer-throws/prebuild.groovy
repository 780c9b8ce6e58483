import dev.hotpatch.it.ServeDriver

// A patch gives an initialized class a new static field whose initializer throws: the patch is
// rejected whole, inside its transaction, and the application never sees the error.
ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('config v1')
  d.replace('app/src/main/java/it/init/Config.java',
      '  private Config() {}',
      '  static final int LIMIT = Integer.parseInt(System.getProperty("config.limit", "none"));\n\n  private Config() {}')
  d.replace('app/src/main/java/it/init/Config.java', 'return NAME;', 'return NAME + " limit " + LIMIT;')
  def rejected = d.awaitEvent('patch-rejected')
  def reason = rejected.get('reason').asText()
  assert reason.contains('it.init.Config')
  assert reason.contains('java.lang.NumberFormatException')
  assert reason.contains('at it.init.Config.<clinit>(Config.java:7)')
  d.awaitOutput('config v1')
  // The next good save goes through.
  d.replace('app/src/main/java/it/init/Config.java', '"config.limit", "none"', '"config.limit", "3"')
  d.awaitEvent('patch-applied')
  d.awaitOutput('config v1 limit 3')
  d.stopApplication(0)
}
