import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def events = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events*.event == ['ready', 'patch-applied', 'app-exit']
assert events[2].code == 0
