import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert !log.contains('the application saw')
assert !log.contains('ExceptionInInitializerError')
assert !log.contains('NoClassDefFoundError')
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
def events = all.findAll { it.event != 'warm' }*.event
assert events == ['ready', 'patch-rejected', 'patch-applied', 'app-exit']
