import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('; watching class folders (hotpatch.watch=classes); compile in your IDE to patch')
assert log =~ /\[hotpatch\] lib v1 \(1 class: 1 body\) applied in \d+ ms \(copy \d+, diff \d+, load \d+\)/
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'patch-applied', 'app-exit']
