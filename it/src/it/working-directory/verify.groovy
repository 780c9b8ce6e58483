import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def events = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events*.event == ['ready', 'app-exit']
assert events[1].code == 0
