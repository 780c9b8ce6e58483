import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] the application crashed (an uncaught exception ended main, exit code 1). serve starts it again after your next change that compiles')
assert log.contains('[hotpatch] the application crashed (killed by signal 9 (SIGKILL), exit code 137)')
assert log.contains('[hotpatch] application exited with code 0')
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'app-exit', 'restart', 'ready', 'app-exit', 'restart', 'ready', 'app-exit']
assert events[-1].code == 0 && events[-1].crash == null
