import dev.hotpatch.it.ServeDriver

// The application is killed while a patch is applied: serve says so, and (restart=auto) starts it
// again on the next change, with the change it was killed in and the new one.
ServeDriver.begin(basedir) { d ->
  def ready = d.awaitEvent('ready')
  d.awaitOutput('running v1')
  d.replace('app/src/main/java/it/killed/Main.java', 'return "v1";', 'return "v2";')
  d.awaitOutput('patch in progress')
  ProcessHandle.of(ready.get('pid').asLong()).get().destroyForcibly()
  // serve's patch thread and the thread that waits for the application tell in either order.
  def (rejected, exit) = d.awaitEventsInAnyOrder('patch-rejected', 'app-exit')
  assert rejected.get('reason').asText() ==
      'the application ended before it answered patch 1 (killed by signal 9 (SIGKILL))'

  assert exit.get('code').asInt() == 137
  assert exit.get('restartPending').asBoolean()
  d.replace('app/src/main/java/it/killed/Main.java', 'return "v2";', 'return "v3";')
  assert d.awaitEvent('restart').get('reason').asText() == 'a change in app compiled'
  d.awaitEvent('ready')
  d.awaitOutput('running v3')
  d.stopApplication(0)
}
