import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] serving it.several.server.Server, it.several.worker.Worker (shared, server, worker)')
assert log.contains('[hotpatch] Worker: the application crashed (an uncaught exception ended main, exit code 1)')
assert log.contains('Worker | Exception in thread "main" java.lang.IllegalStateException: the test asked worker to crash')
assert log.contains('[hotpatch] Worker: starting the application again: a change in shared compiled')
assert log.contains('[hotpatch] Server: application exited with code 0')
assert log.contains('[hotpatch] Worker: application exited with code 3')
// No line of either application goes out without its name.
assert !(log =~ /(?m)^(server|worker) says/)

def events = new File(basedir, 'events.jsonl').readLines()
    .collect { new groovy.json.JsonSlurper().parseText(it) }
    .findAll { it.event != 'warm' }
def server = events.findAll { it.app == 'it.several.server.Server' }
def worker = events.findAll { it.app == 'it.several.worker.Worker' }
assert server*.event == ['ready', 'patch-applied', 'patch-applied', 'app-exit']
assert worker*.event == ['ready', 'patch-applied', 'app-exit', 'restart', 'ready', 'app-exit']
assert server[-1].code == 0 && worker[-1].code == 3
// Each application's events carry its own process: the worker's second JVM is a new one.
assert server*.pid.toSet().size() == 1
assert worker[0].pid == worker[1].pid && worker[1].pid == worker[2].pid
assert worker[4].pid != worker[0].pid && worker[5].pid == worker[4].pid
