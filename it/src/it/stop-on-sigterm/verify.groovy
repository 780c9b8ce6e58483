import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
// The application stopped gracefully, and serve ended with 0 (this build is expected to succeed).
assert log.contains('application shutdown hook ran')
