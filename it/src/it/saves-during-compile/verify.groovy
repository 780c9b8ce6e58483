import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
// The first burst alone never reached the application.
assert !log.contains('greeting=bonjour')
def events = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events.findAll { it.event != 'warm' }*.event == ['ready', 'patch-applied', 'app-exit']
