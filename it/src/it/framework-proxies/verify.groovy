import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def events = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events*.event == ['ready', 'patch-applied', 'patch-applied', 'app-exit']
assert events.findAll { it.event == 'patch-applied' }.every { it.modules*.name == ['lib'] && it.modules*.strategy == ['in-place'] }
