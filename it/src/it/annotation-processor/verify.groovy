import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'patch-applied', 'app-exit']
assert events[1].modules*.name.contains('lib')
assert events[2].code == 0
