import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] lib v1 (1 class: 1 body) applied in ')
// One patch in each session: the copy's edit never reached this one.
assert log.count('applied in ') == 1
def other = new File(basedir, 'other/serve.log').text
assert other.contains('[hotpatch] lib v1 (1 class: 1 body) applied in ')
assert other.count('applied in ') == 1
