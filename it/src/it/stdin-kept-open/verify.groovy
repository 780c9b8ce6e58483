import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert !log.contains('stdin closed')
assert log.contains('[hotpatch] application exited with code 0')
