import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('war says: bonjour from lib')
  d.replace('lib/src/main/java/it/war/lib/Greeter.java', '" from lib"', '" from the library"')
  assert d.awaitEvent('patch-applied').get('modules')*.get('name')*.asText() == ['lib']
  d.awaitOutput('war says: bonjour from the library')
  d.replace('web/src/main/java/it/war/web/Main.java', '"war says: "', '"the war says: "')
  assert d.awaitEvent('patch-applied').get('modules')*.get('name')*.asText() == ['web']
  d.awaitOutput('the war says: bonjour from the library')
  d.stopApplication(0)
}
