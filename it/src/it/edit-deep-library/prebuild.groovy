import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('value=10 ')
  d.replace('core/src/main/java/it/deep/core/Numbers.java', 'return 1;', 'return 7;')
  def applied = d.awaitEvent('patch-applied')
  assert applied.get('modules')*.get('name')*.asText() == ['core', 'lib', 'app']
  assert applied.get('modules')*.get('version')*.asInt() == [1, 1, 1]
  d.awaitOutput('value=70 ')
  d.stopApplication(0)
}
