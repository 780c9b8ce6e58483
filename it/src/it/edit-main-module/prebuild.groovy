import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  def before = d.awaitOutput('counting apples: count=5 ')
  // A new method makes this a structural change: the module gets a new loader.
  d.replace('app/src/main/java/it/main/app/Main.java', '"counting "', 'prefix()')
  d.replace('app/src/main/java/it/main/app/Main.java', '  static void tick() {',
      '  static String prefix() {\n    return "tallying ";\n  }\n\n  static void tick() {')
  def applied = d.awaitEvent('patch-applied')
  assert applied.get('modules')*.get('name')*.asText() == ['app']
  def after = d.awaitOutput('tallying apples: count=')
  def count = (after =~ /count=(\d+) seen=(\d+)/)
  assert count.find()
  // The static int and the static final list went on from where they were, not from scratch.
  // (An update made by the old code while the patch loads may be lost: see semantics.md.)
  assert (count.group(1) as int) > 5
  assert Math.abs((count.group(2) as int) - (count.group(1) as int)) <= 1
  d.stopApplication(0)
}
