import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('hello ada #')
  def impl = 'lib/src/main/java/it/facade/lib/CounterImpl.java'

  // A body of the implementation: redefined in place; the app, which reaches it only through the
  // facade, is not touched.
  d.replace(impl, '"hello "', '"hi "')
  def body = d.awaitEvent('patch-applied')
  assert body.get('modules')*.get('name')*.asText() == ['lib']
  assert body.get('modules')*.get('strategy')*.asText() == ['in-place']
  def hi = (d.awaitOutput('hi ada #') =~ /#(\d+) frames=(\d+)/)[0]
  // Every frame made one call: the implementation's count is the app's frame count.
  assert hi[1] == hi[2]

  // A new field and a new method: lib gets a new loader, the implementation is re-instanced with
  // its count, the facade re-targets; app still is not reloaded.
  d.write(impl, '''package it.facade.lib;

/** Registered in META-INF/services; counts the calls it served. */
public final class CounterImpl implements Counter {
  private int count;
  private int sinceEdit;

  @Override
  public String next(String who) {
    count++;
    sinceEdit++;
    return greeting() + who + " #" + count + " since-edit=" + sinceEdit;
  }

  private String greeting() {
    return "howdy ";
  }
}
''')
  def structural = d.awaitEvent('patch-applied')
  assert structural.get('modules')*.get('name')*.asText() == ['lib']
  assert structural.get('modules')*.get('version')*.asInt() == [2]
  assert structural.get('modules')*.get('strategy')*.asText() == ['new-loader']
  def howdy = (d.awaitOutput('howdy ada #') =~ /#(\d+) since-edit=(\d+) frames=(\d+)/)[0]
  // A call that the old object served while its fields were being carried over may be lost
  // (semantics.md, "What is lost"): at most one.
  assert Math.abs((howdy[1] as int) - (howdy[3] as int)) <= 1
  assert (howdy[3] as int) > (hi[2] as int)
  assert howdy[2] == '1' // the added field started at 0 in the re-instanced object

  // The facade interface itself is loaded once, in the stable layer: serve restarts the
  // application (restart=auto by default), which then runs the new build from scratch.
  d.replace('lib/src/main/java/it/facade/lib/Counter.java', '  String next(String who);',
      '  String next(String who);\n\n  default String name() {\n    return "counter";\n  }')
  def restart = d.awaitEvent('restart')
  assert restart.get('reason').asText().contains('it.facade.lib.Counter')
  d.awaitOutput('howdy ada #1 since-edit=1 frames=1')
  d.stopApplication(0)
}
