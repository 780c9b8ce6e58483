import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log =~ /\[hotpatch\] lib v1 \(1 resource\) applied in \d+ ms/
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'patch-applied', 'patch-applied', 'patch-applied', 'app-exit']
assert events.findAll { it.event == 'patch-applied' }.every { it.modules*.strategy == ['in-place'] }
