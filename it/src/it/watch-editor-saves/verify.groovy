import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] lib v1 (1 class: 1 body) applied in ')
assert log.contains('[hotpatch] lib v2 (1 class: 1 body) applied in ')
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
// One patch per save, however many files the editor wrote, renamed and deleted around it.
assert events*.event == ['ready', 'patch-applied', 'patch-applied', 'app-exit']
