import java.util.concurrent.TimeUnit

// Ctrl-C while serve's first build runs, or while it starts the application, leaves no JVM behind.
// Ctrl-C on a terminal signals the whole foreground process group: serve runs as the leader of a
// group of its own (setsid), and SIGINT goes to the group.
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def manifest = new File(basedir, 'target/hotpatch/session/launch.json').path
// setsid forks when it is a group leader already, and then (-w) waits for serve: find serve's group.
def groupOf = { long pid -> new File("/proc/${pid}/stat").text.replaceFirst(/^.*\) /, '').split(' ')[2] as long }
def leftBehind = {
  ProcessHandle.allProcesses().filter { p -> p.info().commandLine().orElse('').contains(manifest) }
      .toList()
}
// A shell without job control starts background commands with SIGINT ignored, and a JVM that
// starts with SIGINT ignored keeps ignoring it (as under nohup): when this build runs in such a
// background, serve is given back the default action, as a terminal's foreground job has it.
def defaultInt = new ProcessBuilder('env', '--default-signal=INT', 'true').start().waitFor() == 0 ?
    ['env', '--default-signal=INT'] : []
// Maven compiling the module; serve starting the application.
for (moment in ['Compiling 1 source file', '[hotpatch] serving it.ctrlc.Main']) {
  def log = new File(basedir, "ctrl-c-${moment.take(9).replaceAll(/\W/, '')}.log")
  def serve = new ProcessBuilder(defaultInt + ['setsid', '-w', mvn, '-B', '-s',
      new File(basedir.parentFile, 'interpolated-settings.xml').path,
      "-Dmaven.repo.local=${localRepositoryPath}".toString(), 'hotpatch:serve'])
      .directory(basedir).redirectErrorStream(true).redirectOutput(log).start()
  try {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180)
    while (!(log.exists() && log.text.contains(moment)) && serve.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5)
    }
    assert log.text.contains(moment) : "no '${moment}' in ${log}:\n${log.text}"
    long group = groupOf(serve.pid()) == serve.pid() ? serve.pid()
        : serve.toHandle().children().findFirst().map { groupOf(it.pid()) }.orElseThrow()
    assert group != groupOf(ProcessHandle.current().pid())
    assert new ProcessBuilder('kill', '-s', 'INT', '--', "-${group}".toString()).start().waitFor() == 0
    assert serve.waitFor(60, TimeUnit.SECONDS) : "serve did not end within 60 s of Ctrl-C after '${moment}'"
    // The application, if serve had started it, ends with serve (its shutdown hook, or the
    // application noticing that its parent is gone): give it that moment.
    long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(15)
    while (!leftBehind().isEmpty() && System.nanoTime() < gone) {
      Thread.sleep(100)
    }
  } finally {
    // A failed step leaves nothing running either.
    if (serve.isAlive()) {
      serve.toHandle().descendants().forEach { it.destroyForcibly() }
      serve.destroyForcibly()
    }
  }
  def left = leftBehind()
  left.each { it.destroyForcibly() }
  assert left.isEmpty() : "Ctrl-C after '${moment}' left ${left*.pid()} running:\n${log.text}"
}
