import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'patch-applied', 'patch-applied', 'restart', 'ready', 'app-exit']
def restart = events.find { it.event == 'restart' }
assert restart.reason.startsWith('it/once/lib/greeting.properties of module lib, read by it.once.lib.Greeting.')
assert restart.reason.endsWith(' was read once when the application started: it starts again to read the new content')
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] restarting the application: it/once/lib/greeting.properties of module lib, read by it.once.lib.Greeting.')
