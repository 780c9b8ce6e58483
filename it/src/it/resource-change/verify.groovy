import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log =~ /\[hotpatch\] lib v1 \(1 resource\) applied in \d+ ms/
def events = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events*.event == ['ready', 'patch-applied', 'patch-applied', 'patch-applied', 'app-exit']
assert events.findAll { it.event == 'patch-applied' }.every { it.modules*.strategy == ['in-place'] }
