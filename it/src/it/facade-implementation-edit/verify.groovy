import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'patch-applied', 'patch-applied', 'restart', 'app-exit']
events.findAll { it.event == 'patch-applied' }.each { applied ->
  assert applied.modules*.name == ['lib']
  assert applied.modules.every { it.reason }
}
assert events[4].code == 0
def log = new File(basedir, 'build.log').text
assert !log.contains('would keep the old one')
