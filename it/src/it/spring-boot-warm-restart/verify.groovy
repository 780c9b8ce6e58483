import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] spring-boot-devtools is on the class path: its restarts are off (-Dspring.devtools.restart.enabled=false), since serve patches and restarts the application itself')
assert log =~ /\[hotpatch\] restarted the application in its JVM in \d+ ms \(stop \d+, start \d+\): /
assert log.contains('[hotpatch] the application failed to start again in its JVM: ')
assert log =~ /\[hotpatch\] restarting in a new JVM, not warm: its thread "stubborn-worker" \(non-daemon, at .*\) still runs 1500 ms after the application was stopped\. End it when the application stops \(Hot\.onStop, @PreDestroy\), make it a daemon thread, or give it longer with -Dhotpatch\.stopTimeout\./
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
// serve's warm-up ends beside the patches, at no fixed place among them.
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'patch-applied',
    'restart', 'ready', 'restart', 'ready',
    'restart', 'ready', 'app-failed', 'restart', 'ready',
    'patch-applied', 'restart', 'ready', 'patch-applied', 'restart', 'ready',
    'restart', 'ready', 'restart', 'ready', 'app-exit']
assert events.findAll { it.event == 'restart' }*.kind == ['warm', 'warm', 'warm', 'warm', 'warm', 'warm', 'warm', 'jvm']
