import dev.hotpatch.it.ServeDriver

// A fixed port, so that a warm restart shows that the stopped server released it.
def port = new ServerSocket(0).withCloseable { it.localPort }
def properties = new File(basedir, 'web/src/main/resources/application.properties')
properties.parentFile.mkdirs()
properties.text = """\
server.address=127.0.0.1
server.port=${port}
greeting.name=world
"""
def url = "http://127.0.0.1:${port}"

/** Polls until the application answers {@code path} with {@code expected}. */
def awaitAnswer = { ServeDriver d, String path, String expected ->
  long deadline = System.nanoTime() + 60_000_000_000L
  String last = null
  while (System.nanoTime() < deadline) {
    try {
      last = d.httpGet(url + path)
      if (last == expected) {
        return
      }
    } catch (IOException e) {
      last = e.toString()
    }
    Thread.sleep(50)
  }
  throw new AssertionError("GET ${path} answered '${last}', not '${expected}'")
}

ServeDriver.begin(basedir) { d ->
  def pid = d.awaitEvent('ready').get('pid').asLong()
  awaitAnswer(d, '/greet', 'hello world')

  // A body edit of the service: redefined in place, the context keeps running.
  d.replace('lib/src/main/java/it/spring/lib/Greeter.java', '"hello "', '"hi "')
  def applied = d.awaitEvent('patch-applied')
  assert applied.get('modules').get(0).get('strategy').asText() == 'in-place'
  awaitAnswer(d, '/greet', 'hi world')

  // A method added to the service: a warm restart, in the same JVM, on the same port.
  d.replace('lib/src/main/java/it/spring/lib/Greeter.java',
      'return "hi " + name;',
      'return "hi " + name + mark();\n  }\n\n  private String mark() {\n    return "!";')
  def restart = d.awaitEvent('restart')
  assert restart.get('kind').asText() == 'warm'
  assert d.awaitEvent('ready').get('pid').asLong() == pid
  awaitAnswer(d, '/greet', 'hi world!')

  // A new endpoint in the controller: another warm restart.
  d.replace('web/src/main/java/it/spring/web/GreetingController.java', '// NEW-ENDPOINT',
      '@GetMapping("/shout")\n  public String shout() {\n    return greet().toUpperCase();\n  }')
  assert d.awaitEvent('restart').get('kind').asText() == 'warm'
  assert d.awaitEvent('ready').get('pid').asLong() == pid
  awaitAnswer(d, '/shout', 'HI WORLD!')

  // A context that cannot start: a constructor that needs a bean nobody defines.
  d.replace('web/src/main/java/it/spring/web/GreetingController.java',
      'public GreetingController(Greeter greeter, GreetingProperties properties) {',
      'public GreetingController(Greeter greeter, GreetingProperties properties, Runnable missing) {')
  assert d.awaitEvent('restart').get('kind').asText() == 'warm'
  assert d.awaitEvent('ready').get('pid').asLong() == pid
  def failed = d.awaitEvent('app-failed')
  assert failed.get('pid').asLong() == pid
  d.awaitOutput('[hotpatch] the application failed to start again in its JVM: ')
  // The next save that compiles starts it again, in the same JVM.
  d.replace('web/src/main/java/it/spring/web/GreetingController.java',
      ', Runnable missing) {', ') {')
  assert d.awaitEvent('restart').get('kind').asText() == 'warm'
  assert d.awaitEvent('ready').get('pid').asLong() == pid
  awaitAnswer(d, '/shout', 'HI WORLD!')

  // application.properties is read once, when the context starts: a changed value restarts it
  // (warm), and the restart names the file; with the value patched in place nothing would change.
  d.replace('web/src/main/resources/application.properties', 'greeting.name=world', 'greeting.name=spring')
  def configRestart = d.awaitEvent('restart')
  assert configRestart.get('kind').asText() == 'warm'
  assert configRestart.get('reason').asText().startsWith('application.properties of module web')
  assert d.awaitEvent('ready').get('pid').asLong() == pid
  awaitAnswer(d, '/shout', 'HI SPRING!')
  d.replace('web/src/main/resources/application.properties', 'greeting.name=spring', 'greeting.name=world')
  assert d.awaitEvent('restart').get('kind').asText() == 'warm'
  assert d.awaitEvent('ready').get('pid').asLong() == pid
  awaitAnswer(d, '/shout', 'HI WORLD!')

  // A non-daemon thread that ignores the stop: a new JVM, and serve says which thread. The
  // component comes with a structural change, in one save, so that it starts with a restart.
  d.write('web/src/main/java/it/spring/web/GreetingController.java', '''\
package it.spring.web;

import it.spring.lib.Greeter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GreetingController {
  private final Greeter greeter;
  private final GreetingProperties properties;

  public GreetingController(Greeter greeter, GreetingProperties properties) {
    this.greeter = greeter;
    this.properties = properties;
  }

  @GetMapping("/greet")
  public String greet() {
    return greeter.greet(properties.name());
  }

  @GetMapping("/shout")
  public String shout() {
    return greet().toUpperCase() + suffix();
  }

  private static String suffix() {
    return "?";
  }

  @Component
  static class Stubborn {
    Stubborn() {
      Thread thread = new Thread(() -> {
        while (true) {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            // Ignores the stop.
          }
        }
      }, "stubborn-worker");
      thread.start();
    }
  }
}
''')
  assert d.awaitEvent('restart').get('kind').asText() == 'warm'
  assert d.awaitEvent('ready').get('pid').asLong() == pid
  awaitAnswer(d, '/shout', 'HI WORLD!?')
  d.replace('web/src/main/java/it/spring/web/GreetingController.java',
      'return "?";', 'return "?" + more();\n  }\n\n  private static String more() {\n    return "!";')
  def fallback = d.awaitEvent('restart')
  assert fallback.get('kind').asText() == 'jvm'
  assert fallback.get('fallback').asText().contains('"stubborn-worker" (non-daemon')
  def newPid = d.awaitEvent('ready').get('pid').asLong()
  assert newPid != pid
  awaitAnswer(d, '/shout', 'HI WORLD!?!')
  d.stopApplication(0)
}
