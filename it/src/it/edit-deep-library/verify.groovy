import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] core v1 (1 class: 1 body) applied in ')
assert log.contains('[hotpatch] core v2 (1 class: 1 structural) + lib v1 (cascade) + app v1 (cascade) applied in ')
assert !(log =~ /value=140 frames=1\b/)
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'patch-applied', 'patch-applied', 'app-exit']
def warm = all.findAll { it.event == 'warm' }
assert warm.size() == 1
assert warm[0].millis >= 0 && warm[0].modules == 3 && warm[0].classes > 0
assert new File(basedir, 'build.log').text =~ /\[hotpatch\] warm in [\d,]+ ms: 3 modules, \d+ classes/
events.findAll { it.event == 'patch-applied' }.each { applied ->
  ['detect', 'compile', 'diff', 'load', 'total'].each { assert applied.millis[it] instanceof Number }
  assert applied.modules.every { it.reason }
}
assert events[3].code == 0
