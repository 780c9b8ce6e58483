import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('greeting: hello | message: one')
  d.replace('lib/src/main/resources/it/once/lib/greeting.properties', 'hello', 'howdy')
  d.awaitEvent('patch-applied')
  d.awaitOutput('the running application will not see it/once/lib/greeting.properties of module lib')
  // The message still shows the greeting the application read at start.
  d.replace('lib/src/main/resources/it/once/lib/message.txt', 'one', 'two')
  d.awaitOutput('greeting: hello | message: two')
  d.stopApplication(0)
}
