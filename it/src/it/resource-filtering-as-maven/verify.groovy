import dev.hotpatch.it.ServeDriver
import java.nio.file.Files

ServeDriver.verify(basedir)
def all = new File(basedir, 'events.jsonl').readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
def events = all.findAll { it.event != 'warm' }
assert events*.event == ['ready', 'patch-applied', 'app-exit']
// The layer of lib's patch holds what serve processed; target/classes what Maven did.
def layers = new File(basedir, 'target/hotpatch/session/lib').listFiles().findAll { it.name ==~ /b\d+/ && it.name != 'b0' }
assert layers.size() == 1
def layer = layers[0].toPath()
def maven = new File(basedir, 'lib/target/classes').toPath()
['text/all.txt', 'text/app.properties', 'bin/data.bin', 'plain/note.txt'].each { name ->
  assert Files.exists(layer.resolve(name)) : "serve did not write ${name}"
  assert Files.readAllBytes(layer.resolve(name)) == Files.readAllBytes(maven.resolve(name)) : "${name} differs from Maven's"
}
assert !Files.exists(layer.resolve('text/skipped.txt'))
assert !Files.exists(maven.resolve('text/skipped.txt'))
// What each feature gave, so that a regression on both sides is caught too.
def text = maven.resolve('text/all.txt').toFile().text
assert text.contains('custom from the filters file') && text.contains('at-sign hello')
assert text.contains('escaped ${greeting.word} stays') && text.contains('unknown ${no.such.value} stays')
assert maven.resolve('bin/data.bin').toFile().text.contains('raw ${greeting.word}')
