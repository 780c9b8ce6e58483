import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] core v1 (1 class: 1 body) + lib v1 (cascade) + app v1 (cascade) applied in ')
def events = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events*.event == ['ready', 'patch-applied', 'app-exit']
def applied = events[1]
['detect', 'compile', 'diff', 'load', 'total'].each { assert applied.millis[it] instanceof Number }
assert applied.modules.every { it.strategy == 'new-loader' && it.reason }
assert events[2].code == 0
