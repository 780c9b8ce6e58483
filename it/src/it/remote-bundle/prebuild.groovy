import dev.hotpatch.it.ServeDriver
import dev.hotpatch.testing.TcpRelay
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

// The application runs from a copy of the bundle outside the reactor, as from an image, and reaches
// serve on 127.0.0.2 through a relay that the test cuts and restores. JFR records every file it reads.
ServeDriver.begin(basedir) { d ->
  Path elsewhere = basedir.toPath().resolveSibling('remote-bundle-elsewhere')
  Path appLog = elsewhere.resolve('app.log')
  Process app = null
  TcpRelay relay = null
  int appCursor = 0
  def awaitApp = { String text ->
    long deadline = System.nanoTime() + 120_000_000_000L
    while (System.nanoTime() < deadline) {
      def lines = Files.exists(appLog) ? Files.readAllLines(appLog) : []
      for (int i = appCursor; i < lines.size(); i++) {
        if (lines[i].contains(text)) {
          appCursor = i + 1
          return
        }
      }
      Thread.sleep(50)
    }
    throw new AssertionError("The remote application never printed '" + text + "'; it printed: "
        + (Files.exists(appLog) ? Files.readString(appLog) : 'nothing'))
  }
  try {
    def waiting = d.awaitOutput('to connect from its bundle')
    int port = (waiting =~ /wss:\/\/127\.0\.0\.2:(\d+)\/hotpatch/)[0][1] as int
    Path bundle = basedir.toPath().resolve('target/hotpatch/bundle')
    Files.walk(bundle).withCloseable { files ->
      files.each { Path file ->
        Path target = elsewhere.resolve(bundle.relativize(file).toString())
        if (Files.isDirectory(file)) {
          Files.createDirectories(target)
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES)
        }
      }
    }
    Files.writeString(elsewhere.resolve('reads.jfc'), '''<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.FileRead">
    <setting name="enabled">true</setting>
    <setting name="threshold">0 ms</setting>
    <setting name="stackTrace">false</setting>
  </event>
</configuration>
''')
    relay = TcpRelay.start('127.0.0.2', port)
    def start = new ProcessBuilder(elsewhere.resolve('run.sh').toString())
        .directory(elsewhere.toFile())
        .redirectErrorStream(true)
        .redirectOutput(appLog.toFile())
    start.environment().put('HOTPATCH_CONNECT', relay.address())
    start.environment().put('JAVA_HOME', System.getProperty('java.home'))
    // Each JVM (a restart starts another) writes its own recording into the folder.
    Files.createDirectories(elsewhere.resolve('recordings'))
    start.environment().put('JAVA_OPTS', '-XX:StartFlightRecording=filename=recordings,settings=reads.jfc,dumponexit=true')
    app = start.start()

    def ready = d.awaitEvent('ready')
    assert ready.get('app').asText() == 'it.remote.app.Main'
    awaitApp('change 1: code v1, resource r1')

    // Body, structural and resource patches, each carrying its classes over TLS.
    d.replace('lib/src/main/java/it/remote/lib/Greeting.java', '"code v1, resource "', '"code v2, resource "')
    assert d.awaitEvent('patch-applied').get('modules').get(0).get('strategy').asText() == 'in-place'
    awaitApp('change 2: code v2, resource r1')
    d.replace('lib/src/main/java/it/remote/lib/Greeting.java',
        'return "code v2, resource " + resource();',
        'return "code v3" + separator() + resource();\n  }\n\n  private static String separator() {\n    return ", resource ";')
    assert d.awaitEvent('patch-applied').get('modules').get(0).get('strategy').asText() == 'new-loader'
    awaitApp('change 3: code v3, resource r1')
    d.write('lib/src/main/resources/it/remote/lib/message.txt', 'r2\n')
    d.awaitEvent('patch-applied')
    awaitApp('change 4: code v3, resource r2')

    // The channel is cut: the save is kept for the application, which catches up once it is back.
    relay.cut()
    d.awaitOutput('the remote application (process ' + ready.get('pid').asLong() + ') disconnected')
    d.replace('lib/src/main/java/it/remote/lib/Greeting.java', '"code v3"', '"code v4"')
    d.awaitOutput('when it connects again')
    relay.restore()
    def back = d.awaitEvent('ready')
    assert back.get('pid').asLong() == ready.get('pid').asLong()
    d.awaitEvent('patch-applied')
    awaitApp('change 5: code v4, resource r2')

    // A restart is a request: the application starts again from its bundle, on the code the bundle
    // was made with, and catches up as soon as it is connected.
    d.touch('target/hotpatch/restart')
    def again = d.awaitEvent('ready')
    assert again.get('pid').asLong() != ready.get('pid').asLong()
    d.awaitEvent('patch-applied')
    awaitApp('change 1: code v1, resource r1')
    awaitApp('change 2: code v4, resource r2')
  } finally {
    if (app != null) {
      // SIGTERM to the JVM, which writes its recording as it ends; run.sh then ends with it.
      def jvms = app.descendants().toList()
      jvms.each { it.destroy() }
      jvms.each { it.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS) }
      app.destroy()
      app.waitFor()
    }
    relay?.close()
    d.touch('target/hotpatch/stop')
  }
}
