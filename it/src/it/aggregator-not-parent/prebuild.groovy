import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('aggregated: hello')
  d.replace('modules/lib/src/main/java/it/agg/lib/Greeter.java', '"hello"', '"howdy"')
  assert d.awaitEvent('patch-applied').get('modules')*.get('name')*.asText() == ['lib']
  d.awaitOutput('aggregated: howdy')
  d.stopApplication(0)
}
