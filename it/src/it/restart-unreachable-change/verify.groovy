import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log =~ /\[hotpatch\] restarting the application: it\.web\.lib\.Greeting .*no Hot\.call or Hot\.facade in lib, app leads to the new code/
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'patch-applied', 'restart', 'ready', 'app-exit']
