import dev.hotpatch.it.ServeDriver

def greeter = 'lib/src/main/java/it/ide/lib/Greeter.java'
ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('greeting: hello')
  // Saving a source does nothing by itself: the IDE compiles, and serve watches what it compiled.
  d.replace(greeter, '"hello"', '"hi from the IDE"')
  Thread.sleep(1000)
  d.compileLikeIde('lib', [], [greeter])
  def applied = d.awaitEvent('patch-applied')
  // The copied class is only a new body: redefined in place, like a compiled one.
  assert applied.get('modules')*.get('name')*.asText() == ['lib']
  assert applied.get('modules')*.get('strategy')*.asText() == ['in-place']
  d.awaitOutput('greeting: hi from the IDE')
  d.stopApplication(0)
}
