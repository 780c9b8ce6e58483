import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] the application crashed (killed by signal 9 (SIGKILL), exit code 137). serve starts it again after your next change that compiles')
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
def events = all.findAll { it.event != 'warm' }*.event
assert events[0] == 'ready'
assert events[1..2].toSet() == ['patch-rejected', 'app-exit'].toSet()
assert events.drop(3) == ['restart', 'ready', 'app-exit']
assert log.contains('[hotpatch] patch 1 not applied: the application ended before it answered patch 1 (killed by signal 9 (SIGKILL)).')
