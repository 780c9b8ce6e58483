import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] restarting the application: the dependencies of module lib changed: added commons-lang3 3.12.0')
// One line for the broken pom, naming the file and line, and saying what to do.
def broken = log.readLines().findAll { it.startsWith('[hotpatch] cannot read the build files: ') }
assert broken.size() == 2
assert broken[0] =~ /lib\/pom\.xml:\d+: .*Fix it and save again/
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
def events = all.findAll { it.event != 'warm' }*.event
// The burst of a pom and a source is one restart, with no compile error between.
assert events == ['ready', 'compile-error', 'restart', 'ready', 'restart', 'ready', 'build-file-error',
    'patch-applied', 'build-file-error', 'restart', 'ready', 'app-exit']
