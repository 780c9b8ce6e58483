import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  def pids = d.awaitEvents('ready', 2).collectEntries { [(it.get('app').asText()): it.get('pid').asLong()] }
  assert pids.keySet() == ['it.several.server.Server', 'it.several.worker.Worker'] as Set
  assert pids.values().toSet().size() == 2
  d.awaitOutputsInAnyOrder('Server | server says v1', 'Worker | worker says v1')

  // One save, compiled once, reaches both: one event each, sharing the patch id.
  d.replace('shared/src/main/java/it/several/shared/Greeting.java', '"v1"', '"v2"')
  def applied = d.awaitEvents('patch-applied', 2)
  assert applied*.get('patchId')*.asLong().toSet().size() == 1
  assert applied.collectEntries { [(it.get('app').asText()): it.get('pid').asLong()] } == pids
  d.awaitOutputsInAnyOrder('Server | server says v2', 'Worker | worker says v2')

  // The worker crashes: the server keeps running and keeps taking patches.
  d.write('crash-worker', '')
  def crash = d.awaitEvent('app-exit')
  assert crash.get('app').asText() == 'it.several.worker.Worker'
  assert crash.get('pid').asLong() == pids['it.several.worker.Worker']
  assert crash.get('restartPending').asBoolean()
  d.delete('crash-worker')
  d.replace('shared/src/main/java/it/several/shared/Greeting.java', '"v2"', '"v3"')
  def patched = d.awaitEvent('patch-applied')
  assert patched.get('app').asText() == 'it.several.server.Server'
  assert patched.get('pid').asLong() == pids['it.several.server.Server']
  d.awaitOutputsInAnyOrder('Server | server says v3', 'Worker | worker says v3')
  def again = d.awaitEvent('ready')
  assert again.get('app').asText() == 'it.several.worker.Worker'
  assert again.get('pid').asLong() != pids['it.several.worker.Worker']

  d.stopApplication(3)
}
