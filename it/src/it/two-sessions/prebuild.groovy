import dev.hotpatch.it.ServeDriver
import java.util.concurrent.TimeUnit

// Starts `mvn hotpatch:serve` in `dir` with the JDK of the session already running, as a user
// would in a second terminal; its output goes to dir/serve.log.
def serveIn = { File dir, long firstServePid ->
  def java = ProcessHandle.of(firstServePid).orElseThrow().info().command().orElseThrow()
  def javaHome = new File(java).parentFile.parentFile
  def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
  // The tests' settings: hotpatch comes from the repository the invoker installed it in.
  def repo = localRepositoryPath.toURI()
  def settings = new File(dir, 'second-settings.xml')
  settings.text = """<settings><profiles><profile><id>it-repo</id>
    <activation><activeByDefault>true</activeByDefault></activation>
    <repositories><repository><id>local.central</id><url>${repo}</url></repository></repositories>
    <pluginRepositories><pluginRepository><id>local.central</id><url>${repo}</url></pluginRepository>
    </pluginRepositories></profile></profiles></settings>"""
  def builder = new ProcessBuilder(mvn, '-B', '-s', settings.path,
      "-Dmaven.repo.local=${localRepositoryPath}", 'hotpatch:serve',
      '-Dhotpatch.events=events.jsonl')
  builder.directory(dir).redirectErrorStream(true).redirectOutput(new File(dir, 'serve.log'))
  builder.environment().put('JAVA_HOME', javaHome.path)
  builder.start()
}
def awaitIn = { File file, String text ->
  for (int i = 0; i < 1200; i++) {
    if (file.exists() && file.text.contains(text)) return
    Thread.sleep(100)
  }
  throw new AssertionError("${file} never showed '${text}'")
}

ServeDriver.begin(basedir) { d ->
  def ready = d.awaitEvent('ready')
  d.awaitOutput('says one')
  long firstServe = ProcessHandle.of(ready.get('pid').asLong()).orElseThrow().parent().orElseThrow().pid()

  // A second session of the same reactor is refused, and the first one goes on.
  def second = serveIn(basedir, firstServe)
  assert second.waitFor(120, TimeUnit.SECONDS)
  assert second.exitValue() != 0
  def refused = new File(basedir, 'serve.log').text
  assert refused.contains("Another hotpatch:serve is running for this reactor (process ${firstServe})")

  // A copy of the reactor is a session of its own: its own port, secret and session folder.
  def other = new File(basedir, 'other')
  ['pom.xml', 'lib', 'app'].each { name ->
    def source = new File(basedir, name)
    if (source.isDirectory()) {
      source.eachFileRecurse { f ->
        def relative = basedir.toPath().relativize(f.toPath())
        if (f.isFile() && !relative.any { it.toString() == 'target' }) {
          def copy = new File(other, relative.toString())
          copy.parentFile.mkdirs()
          copy.bytes = f.bytes
        }
      }
    } else {
      other.mkdirs()
      new File(other, name).bytes = source.bytes
    }
  }
  def otherServe = serveIn(other, firstServe)
  try {
    def otherLog = new File(other, 'serve.log')
    awaitIn(otherLog, 'says one')

    d.replace('lib/src/main/java/it/two/lib/Words.java', '"one"', '"two"')
    d.awaitEvent('patch-applied')
    d.awaitOutput('says two')
    def otherLines = otherLog.text.readLines().size()
    def edit = new File(other, 'lib/src/main/java/it/two/lib/Words.java')
    edit.text = edit.text.replace('"one"', '"three"')
    awaitIn(otherLog, 'says three')
    d.awaitOutput('says two')
    assert !otherLog.text.contains('says two')
    assert !new File(basedir, 'build.log').text.contains('says three')
    assert otherLog.text.readLines().size() > otherLines

    new File(other, 'stop').text = '0'
    assert otherServe.waitFor(120, TimeUnit.SECONDS)
    assert otherServe.exitValue() == 0
  } finally {
    otherServe.destroy()
  }
  d.stopApplication(0)
}
