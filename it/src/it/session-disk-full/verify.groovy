import dev.hotpatch.it.ServeDriver
import java.util.concurrent.TimeUnit

// The disk that holds the session folder fills up while serve runs: one clear error, the
// application keeps its code, and serve patches again once there is room.
def probe = new ProcessBuilder('unshare', '-m', 'true').redirectErrorStream(true).start()
def probeOutput = probe.inputStream.text
if (probe.waitFor() != 0) {
  // Containers without CAP_SYS_ADMIN: PatchBuilderTest's unwritable session folder stands in.
  println "SKIPPED session-disk-full: unshare -m cannot create a mount namespace here ($probeOutput)"
  return
}
// ServeDriver reads build.log: the invoker's own (validate) goes aside, serve's takes its name.
new File(basedir, 'build.log').renameTo(new File(basedir, 'validate.log'))
def hotpatch = new File(basedir, 'target/hotpatch')
hotpatch.mkdirs()
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def command = ['unshare', '-m', 'sh', '-c', 'mount -t tmpfs -o size=2m hotpatch-session "$0" && exec "$@"',
               hotpatch.path, mvn, '-B', '-s', new File(basedir.parentFile, 'interpolated-settings.xml').path,
               "-Dmaven.repo.local=${localRepositoryPath}", 'hotpatch:serve', '-Dhotpatch.events=events.jsonl']
def serve = new ProcessBuilder(command.collect { it.toString() }).directory(basedir).redirectErrorStream(true)
    .redirectOutput(new File(basedir, 'build.log')).start()
// What serve sees of the tmpfs, from outside its mount namespace.
def session = { new File("/proc/${serve.pid()}/root${hotpatch.path}") }

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('greeting v1')
  def filler = new File(session(), 'filler')
  def out = new FileOutputStream(filler)
  try {
    // Down to the last byte: what a 64 KiB block leaves would still hold a small class file.
    for (int size : [64 * 1024, 4 * 1024, 1]) {
      byte[] block = new byte[size]
      try {
        while (true) {
          out.write(block)
        }
      } catch (IOException full) {
        assert full.message.contains('No space left on device')
      }
    }
  } finally {
    try { out.close() } catch (IOException ignored) {}
  }
  d.replace('app/src/main/java/it/full/Main.java', 'return "v1";', 'return "v2";')
  def error = d.awaitOutput('[hotpatch] cannot write the next version of module app into ')
  assert error.contains('No space left on device')
  assert error.endsWith('a writable folder again, then save again.')
  d.awaitOutput('greeting v1')

  // Room again: the next save patches both changes.
  assert filler.delete()
  d.replace('app/src/main/java/it/full/Main.java', 'return "v2";', 'return "v3";')
  d.awaitEvent('patch-applied')
  d.awaitOutput('greeting v3')
  d.stopApplication(0)
}

assert serve.waitFor(240, TimeUnit.SECONDS) : 'serve did not end within 240 s'
ServeDriver.verify(basedir)
assert serve.exitValue() == 0
def log = new File(basedir, 'build.log').text
assert log.readLines().count { it.startsWith('[hotpatch] cannot write the next version of module app') } == 1
def events = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events.findAll { it.event != 'warm' }*.event == ['ready', 'patch-applied', 'app-exit']
