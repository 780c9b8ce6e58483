import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log =~ /\[hotpatch\] restarting the application: it\.web\.lib\.Greeting .*no Hot\.call or Hot\.facade in lib, app leads to the new code/
assert log.contains('[hotpatch] restarting in a new JVM, not warm: the application registered no way to stop it inside its JVM: it has no Spring Boot application context and called no Hot.onStop. Register one with Hot.onStop for warm restarts.')
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'patch-applied', 'restart', 'ready', 'app-exit']
