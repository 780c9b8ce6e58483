import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('words=alpha+5')
  d.replace('lib/src/extra/java/it/extra/lib/Extra.java', '"alpha"', '"beta"')
  def applied = d.awaitEvent('patch-applied')
  assert applied.get('modules')*.get('name')*.asText().contains('lib')
  d.awaitOutput('words=beta+4')
  d.stopApplication(0)
}
