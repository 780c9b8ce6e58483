import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('greeting: hello | message: one')
  // Read on every tick: patched in place, and the next tick shows it.
  Thread.sleep(300)
  d.replace('lib/src/main/resources/it/once/lib/message.txt', 'one', 'two')
  d.awaitEvent('patch-applied')
  d.awaitOutput('greeting: hello | message: two')
  // Read once, at start: only a new start of the application reads it.
  d.replace('lib/src/main/resources/it/once/lib/greeting.properties', 'hello', 'howdy')
  d.awaitEvent('restart')
  d.awaitEvent('ready')
  d.awaitOutput('greeting: howdy | message: two')
  d.stopApplication(0)
}
