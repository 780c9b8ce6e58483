import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] core v1 (1 class: 1 body) applied in ')
assert log.contains('[hotpatch] core v2 (1 class: 1 structural) + lib v1 (cascade) + app v1 (cascade) applied in ')
assert !(log =~ /value=140 frames=1\b/)
def events = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events*.event == ['ready', 'patch-applied', 'patch-applied', 'app-exit']
events.findAll { it.event == 'patch-applied' }.each { applied ->
  ['detect', 'compile', 'diff', 'load', 'total'].each { assert applied.millis[it] instanceof Number }
  assert applied.modules.every { it.reason }
}
assert events[3].code == 0
