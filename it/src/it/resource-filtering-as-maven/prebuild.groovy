import dev.hotpatch.it.ServeDriver

// Every resource is saved again as it is, in one burst: serve processes each into the next
// version of lib, which verify.groovy compares byte for byte with what mvn process-resources wrote.
ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('first line: version 1.0 of lib')
  Thread.sleep(300)
  ['lib/src/main/resources/text/all.txt', 'lib/src/main/resources/text/app.properties',
   'lib/src/main/resources/text/skipped.txt', 'lib/src/main/resources/bin/data.bin',
   'lib/src/main/plain/note.txt'].each { d.touch(it) }
  d.awaitEvent('patch-applied')
  d.stopApplication(0)
}
