import dev.hotpatch.it.ServeDriver

def words = 'lib/src/main/java/it/files/lib/Words.java'
ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('word: plain')
  // A new file in a new package.
  d.write('lib/src/main/java/it/files/lib/loud/Loud.java', """package it.files.lib.loud;

public final class Loud {
  private Loud() {}

  public static String shout(String word) {
    return word.toUpperCase() + "!";
  }
}
""")
  assert d.awaitEvent('patch-applied').get('modules')*.get('name')*.asText().contains('lib')
  d.awaitOutput('[hotpatch] lib v1 (1 class: 1 added)')
  // Its first user.
  d.replace(words, 'return "plain";', 'return it.files.lib.loud.Loud.shout("plain");')
  d.awaitEvent('patch-applied')
  d.awaitOutput('word: PLAIN!')
  // The package goes, and its user goes back, in one burst.
  d.replace(words, 'return it.files.lib.loud.Loud.shout("plain");', 'return "plain";')
  assert new File(basedir, 'lib/src/main/java/it/files/lib/loud').deleteDir()
  d.awaitEvent('patch-applied')
  d.awaitOutput('word: plain')
  d.stopApplication(0)
}
