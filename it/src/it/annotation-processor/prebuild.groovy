import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('greeting=hello')
  // Only the annotated source changes: the patch regenerates WelcomeGreeting from it.
  d.replace('lib/src/main/java/it/proc/lib/Welcome.java', '@Greet("hello")', '@Greet("bonjour")')
  d.awaitEvent('patch-applied')
  d.awaitOutput('greeting=bonjour')
  d.stopApplication(0)
}
