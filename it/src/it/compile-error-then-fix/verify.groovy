import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] COMPILATION ERROR in module app: 1 error')
assert log =~ /\[hotpatch\] .*Main\.java:13:\d+: error: method greet in class .*Greeter cannot be applied to given types/
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'compile-error', 'patch-applied', 'app-exit']
