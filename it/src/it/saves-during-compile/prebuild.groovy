import dev.hotpatch.it.ServeDriver

// Saves that arrive while javac compiles the previous burst: that compile is dropped, and the next
// patch holds both bursts. The annotation processor holds javac while the file slow-compile exists.
ServeDriver.begin(basedir) { d ->
  d.awaitEventsInAnyOrder('ready', 'warm')
  d.awaitOutput('greeting=hello')
  def slow = new File(basedir, 'slow-compile')
  def compiling = new File(basedir, 'compiling')
  slow.text = 'yes'
  d.replace('lib/src/main/java/it/proc/lib/Welcome.java', '@Greet("hello")', '@Greet("bonjour")')
  long deadline = System.nanoTime() + 120_000_000_000L
  while (!compiling.exists() && System.nanoTime() < deadline) {
    Thread.sleep(20)
  }
  assert compiling.exists() : 'javac did not start on the first burst'
  // javac runs: a second burst, in another module.
  d.replace('app/src/main/java/it/proc/app/Main.java', '"greeting="', '"greeting, saved during the compile="')
  Thread.sleep(500)
  assert slow.delete()
  def applied = d.awaitEvent('patch-applied')
  assert applied.get('modules')*.get('name')*.asText() == ['lib', 'app']
  d.awaitOutput('greeting, saved during the compile=bonjour')
  d.stopApplication(0)
}
