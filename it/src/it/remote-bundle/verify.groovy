import dev.hotpatch.it.ServeDriver
import java.nio.file.Files
import java.nio.file.Path

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log.contains('[hotpatch] waiting for it.remote.app.Main to connect from its bundle')
assert log.contains('[hotpatch] bringing the remote application up to date: lib differ from the current builds')
assert log.contains('[hotpatch] stopping: requested through target/hotpatch/stop')

// The bundle holds the secret readable by its owner only.
Path bundle = basedir.toPath().resolve('target/hotpatch/bundle')
assert Files.getPosixFilePermissions(bundle.resolve('connection/secret'))*.toString().sort() == ['OWNER_READ', 'OWNER_WRITE']
assert Files.getPosixFilePermissions(bundle.resolveSibling('bundle.zip'))*.toString().sort() == ['OWNER_READ', 'OWNER_WRITE']
assert !Files.readString(bundle.resolve('launch.json')).contains(basedir.path)

// The application never read a file of the reactor: every class and resource came in a message.
Path elsewhere = basedir.toPath().resolveSibling('remote-bundle-elsewhere')
def jfr = Path.of(System.getProperty('java.home'), 'bin', 'jfr').toString()
def recordings = Files.list(elsewhere.resolve('recordings')).withCloseable { it.toList() }
// One from the first JVM, one from the JVM the restart started.
assert recordings.size() == 2 : recordings
def paths = []
def reads = ''
recordings.each { recording ->
  def print = new ProcessBuilder(jfr, 'print', '--events', 'jdk.FileRead', recording.toString())
      .redirectErrorStream(true).start()
  def text = print.inputStream.text
  assert print.waitFor() == 0 : text
  reads += text
  paths += (text =~ /path = "([^"]+)"/).collect { it[1] }
}
assert paths.any { it.startsWith(elsewhere.toRealPath().toString() + '/') } : 'no read of the bundle was recorded: ' + reads
def reactor = basedir.toPath().toRealPath().toString() + '/'
assert paths.findAll { it.startsWith(reactor) }.isEmpty()
