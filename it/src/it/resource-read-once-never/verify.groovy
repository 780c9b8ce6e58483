import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'patch-applied', 'patch-applied', 'app-exit']
def log = new File(basedir, 'build.log').text
assert log =~ /\[hotpatch\] warning: the running application will not see it\/once\/lib\/greeting\.properties of module lib, read by it\.once\.lib\.Greeting\.\S+: it read it once, when it started\. Restart it \(r \+ Enter, or touch target\/hotpatch\/restart\) to use the new content, or run serve with -Dhotpatch\.restart=auto\./
