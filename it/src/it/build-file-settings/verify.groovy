import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] read the build files again: module app compiles whole (its compiler settings changed)')
assert log.contains('[hotpatch] read the build files again: the resources of module app are copied again')
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
def events = all.findAll { it.event != 'warm' }*.event
assert events == ['ready', 'patch-applied', 'patch-applied', 'patch-applied', 'app-exit']
