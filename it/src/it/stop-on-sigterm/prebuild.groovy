import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  def ready = d.awaitEvent('ready')
  d.awaitOutput('running until stopped')
  def application = ProcessHandle.of(ready.get('pid').asLong()).orElseThrow()
  // What Ctrl-C or a service manager does: SIGTERM to serve (the Maven JVM).
  application.parent().orElseThrow().destroy()
  application.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS)
  assert !application.isAlive()
}
