import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('hello world')
  // A new parameter in the library breaks its caller in the app module.
  d.replace('lib/src/main/java/it/broken/lib/Greeter.java',
      'greet(String name) {\n    return "hello " + name;',
      'greet(String name, int times) {\n    return ("hi " + name + " ").repeat(times).trim();')
  def error = d.awaitEvent('compile-error')
  assert error.get('module').asText() == 'app'
  assert error.get('diagnostics').get(0).get('file').asText().endsWith('Main.java')
  d.awaitOutput('Main.java:13:')
  // The application keeps running the last good code.
  d.awaitOutput('hello world')
  d.replace('app/src/main/java/it/broken/app/Main.java', 'Greeter.greet("world")', 'Greeter.greet("world", 2)')
  def applied = d.awaitEvent('patch-applied')
  assert applied.get('modules')*.get('name')*.asText() == ['lib', 'app']
  d.awaitOutput('hi world hi world')
  d.stopApplication(0)
}
