import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('; watching class folders (hotpatch.watch=classes); compile in your IDE to patch')
assert log =~ /\[hotpatch\] lib v1 \(1 class: 1 body\) applied in \d+ ms \(copy \d+, diff \d+, load \d+\)/
def events = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events*.event == ['ready', 'patch-applied', 'app-exit']
