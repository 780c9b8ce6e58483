import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  def pid = d.awaitEvent('ready').get('pid').asLong()
  def port = (d.awaitOutput('listening on ') =~ /listening on (\d+)/)[0][1]
  assert d.httpGet("http://127.0.0.1:${port}/") == 'hello'
  // A body edit: the server keeps its handler object, whose method is redefined in place.
  d.replace('lib/src/main/java/it/web/lib/Greeting.java', '"hello"', '"hi there"')
  def applied = d.awaitEvent('patch-applied')
  assert applied.get('modules').size() == 1
  assert applied.get('modules').get(0).get('name').asText() == 'lib'
  assert applied.get('modules').get(0).get('strategy').asText() == 'in-place'
  assert d.httpGet("http://127.0.0.1:${port}/") == 'hi there'
  // A new method: a structural change that no Hot.call reaches in this application.
  d.replace('lib/src/main/java/it/web/lib/Greeting.java',
      'byte[] body = "hi there".getBytes(StandardCharsets.UTF_8);',
      'byte[] body = word().getBytes(StandardCharsets.UTF_8);')
  d.replace('lib/src/main/java/it/web/lib/Greeting.java',
      '  @Override\n  public void handle',
      '  private static String word() {\n    return "howdy";\n  }\n\n  @Override\n  public void handle')
  def restart = d.awaitEvent('restart')
  assert restart.get('reason').asText().contains('it.web.lib.Greeting')
  // A plain application that registered no way to stop it inside its JVM: a new JVM, and why.
  assert restart.get('kind').asText() == 'jvm'
  assert restart.get('fallback').asText().startsWith('the application registered no way to stop it inside its JVM')
  assert d.awaitEvent('ready').get('pid').asLong() != pid
  def newPort = (d.awaitOutput('listening on ') =~ /listening on (\d+)/)[0][1]
  assert d.httpGet("http://127.0.0.1:${newPort}/") == 'howdy'
  d.stopApplication(0)
}
