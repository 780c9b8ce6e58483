import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] restarting the application: requested through target/hotpatch/restart')
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'restart', 'ready', 'app-exit']
