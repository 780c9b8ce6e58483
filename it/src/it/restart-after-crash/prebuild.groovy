import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('running v1')
  // An uncaught exception ends main: serve stays, and a change that compiles starts the app again.
  d.write('crash', '')
  def crash = d.awaitEvent('app-exit')
  assert crash.get('code').asInt() == 1
  assert crash.get('restartPending').asBoolean()
  d.delete('crash')
  d.replace('app/src/main/java/it/crash/Main.java', 'return "v1";', 'return "v2";')
  assert d.awaitEvent('restart').get('reason').asText().contains('app')
  def ready = d.awaitEvent('ready')
  d.awaitOutput('running v2')
  // Killed by a signal serve did not send: restarted on request, on the code it last built.
  ProcessHandle.of(ready.get('pid').asLong()).get().destroyForcibly()
  assert d.awaitEvent('app-exit').get('code').asInt() == 137
  d.touch('target/hotpatch/restart')
  d.awaitEvent('restart')
  d.awaitEvent('ready')
  d.awaitOutput('running v2')
  d.stopApplication(0)
}
