import dev.hotpatch.it.ServeDriver

// A library gains a third-party dependency, changes its version, breaks its pom and mends it, and a
// module joins the reactor: serve follows every pom.
ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('hello world')

  // Code that needs a jar the module does not have yet: javac says so, the application goes on.
  d.replace('lib/src/main/java/it/deps/lib/Greeter.java', 'return "hello " + name;',
      'return org.apache.commons.lang3.StringUtils.capitalize("hello " + name);')
  assert d.awaitEvent('compile-error').get('module').asText() == 'lib'
  d.awaitOutput('hello world')

  // The pom gains it: the source that failed compiles, and the application starts on the new class path.
  d.replace('lib/pom.xml', '<dependencies>\n  </dependencies>', '''<dependencies>
    <dependency>
      <groupId>org.apache.commons</groupId>
      <artifactId>commons-lang3</artifactId>
      <version>3.12.0</version>
    </dependency>
  </dependencies>''')
  def restart = d.awaitEvent('restart')
  assert restart.get('reason').asText() == 'the dependencies of module lib changed: added commons-lang3 3.12.0'
  d.awaitEvent('ready')
  d.awaitOutput('Hello world')

  // A pom and a source saved in one burst: one step, one restart, no compile error on the way.
  d.replace('lib/pom.xml', '<version>3.12.0</version>', '<version>3.14.0</version>')
  d.replace('lib/src/main/java/it/deps/lib/Greeter.java', '"hello " + name', '"bonjour " + name')
  assert d.awaitEvent('restart').get('reason').asText() ==
      'the dependencies of module lib changed: commons-lang3 3.12.0 -> 3.14.0'
  d.awaitEvent('ready')
  d.awaitOutput('Bonjour world')

  // A pom that no longer parses: one error naming it and the line; the application goes on.
  d.replace('lib/pom.xml', '<artifactId>commons-lang3</artifactId>', '<artifactId>commons-lang3</artifactId')
  def broken = d.awaitEvent('build-file-error')
  assert broken.get('file').asText().endsWith('lib' + File.separator + 'pom.xml')
  assert broken.get('line').asInt() > 0
  d.awaitOutput('Bonjour world')
  // Mended: the next save goes through, as a patch (the class path is the one the application has).
  d.replace('lib/pom.xml', '<artifactId>commons-lang3</artifactId', '<artifactId>commons-lang3</artifactId>')
  d.replace('lib/src/main/java/it/deps/lib/Greeter.java', '"bonjour " + name', '"hallo " + name')
  def applied = d.awaitEvent('patch-applied')
  assert applied.get('modules')*.get('name')*.asText() == ['lib']
  d.awaitOutput('Hallo world')

  // A dependency that does not resolve: named with its line, and nothing changes.
  d.replace('lib/pom.xml', '<version>3.14.0</version>', '<version>0.0.404</version>')
  def unresolved = d.awaitEvent('build-file-error')
  assert unresolved.get('message').asText().contains('commons-lang3')
  assert unresolved.get('line').asInt() > 0
  d.replace('lib/pom.xml', '<version>0.0.404</version>', '<version>3.14.0</version>')

  // A new module: written, then named by the root pom and used by the app.
  d.write('util/pom.xml', new File(basedir, 'lib/pom.xml').text
      .replace('<artifactId>lib</artifactId>', '<artifactId>util</artifactId>'))
  d.write('util/src/main/java/it/deps/util/Shout.java', '''package it.deps.util;

public final class Shout {
  private Shout() {}

  public static String loud(String text) {
    return text.toUpperCase() + "!";
  }
}
''')
  d.replace('app/pom.xml', '<dependencies>', '''<dependencies>
    <dependency>
      <groupId>it.hotpatch</groupId>
      <artifactId>util</artifactId>
      <version>1.0</version>
    </dependency>''')
  d.replace('app/src/main/java/it/deps/app/Main.java', 'Greeter.greet("world")', 'it.deps.util.Shout.loud(Greeter.greet("world"))')
  d.replace('pom.xml', '<module>lib</module>', '<module>lib</module>\n    <module>util</module>')
  def added = d.awaitEvent('restart').get('reason').asText()
  assert added.contains('module util was added')
  d.awaitEvent('ready')
  d.awaitOutput('HALLO WORLD!')
  d.stopApplication(0)
}
