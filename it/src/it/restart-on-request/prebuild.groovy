import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('started at ')
  d.touch('target/hotpatch/restart')
  assert d.awaitEvent('restart').get('reason').asText() == 'requested through target/hotpatch/restart'
  d.awaitEvent('ready')
  d.awaitOutput('started at ')
  d.stopApplication(0)
}
