import java.util.concurrent.TimeUnit

// hotpatch:serve in Maven embedded in another JVM (maven-embedder's MavenCli, as an IDE or the
// Maven daemon runs it): the application's exit code fails the build, and the JVM is not ended.
def mavenHome = new File(System.getProperty('maven.home'))
def classpath = [new File(mavenHome, 'lib').path + File.separator + '*',
                 new File(mavenHome, 'boot').path + File.separator + '*'].join(File.pathSeparator)
def java = new File(System.getProperty('java.home'), 'bin/java').path
def log = new File(basedir, 'embedded.log')
def command = [java, '-cp', classpath, "-Dmaven.home=${mavenHome}",
               new File(basedir, 'EmbeddedMaven.java').path, basedir.path,
               '-B', '-s', new File(basedir.parentFile, 'interpolated-settings.xml').path,
               "-Dmaven.repo.local=${localRepositoryPath}", 'hotpatch:serve',
               '-Dhotpatch.events=events.jsonl']
def process = new ProcessBuilder(command.collect { it.toString() }).directory(basedir).redirectErrorStream(true)
    .redirectOutput(log).start()
assert process.waitFor(240, TimeUnit.SECONDS) : 'the embedded Maven did not end within 240 s'
def output = log.text
assert process.exitValue() == 0 : output
assert output.contains('exiting with 3') : output
assert output.contains('The application exited with code 3. See its output above.') : output
assert output.contains('BUILD FAILURE') : output
assert output.contains('embedded Maven returned 1; its JVM goes on') : output
def events = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert events.find { it.event == 'app-exit' }.code == 3
