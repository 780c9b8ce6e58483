import dev.hotpatch.it.ServeDriver
import java.nio.file.Files
import java.nio.file.Path

def greeter = 'lib/src/main/java/it/saves/lib/Greeter.java'
ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('greeting: hello')
  d.saveLikeVim(greeter, '"hello"', '"howdy"')
  d.awaitEvent('patch-applied')
  d.awaitOutput('greeting: howdy')
  d.saveLikeIntellij(greeter, '"howdy"', '"hiya"')
  d.awaitEvent('patch-applied')
  d.awaitOutput('greeting: hiya')
  // What editors leave beside a file while it is open is no reason for a patch.
  def folder = basedir.toPath().resolve(greeter).parent
  Files.createSymbolicLink(folder.resolve('.#Greeter.java'), Path.of('someone@host.4711:1700000000'))
  Files.writeString(folder.resolve('#Greeter.java#'), 'auto-save')
  Files.writeString(folder.resolve('.Greeter.java.swp'), 'b0VIM')
  Thread.sleep(1000)
  d.stopApplication(0)
}
