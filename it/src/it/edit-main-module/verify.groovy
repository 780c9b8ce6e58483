import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] app v1 (1 class: 1 structural) applied in ')
assert !log.contains('tallying apples: count=1 ')
