import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  def port = (d.awaitOutput('listening on ') =~ /listening on (\d+)/)[0][1]
  d.replace('lib/src/main/java/it/web/lib/Greeting.java',
      'byte[] body = "hello".getBytes(StandardCharsets.UTF_8);',
      'byte[] body = word().getBytes(StandardCharsets.UTF_8);')
  d.replace('lib/src/main/java/it/web/lib/Greeting.java',
      '  @Override\n  public void handle',
      '  private static String word() {\n    return "howdy";\n  }\n\n  @Override\n  public void handle')
  d.awaitEvent('patch-applied')
  d.awaitOutput('no Hot.call or Hot.facade in lib, app leads to the new code')
  // With restart=never the server keeps its handler object, of the old class.
  assert d.httpGet("http://127.0.0.1:${port}/") == 'hello'
  d.stopApplication(0)
}
