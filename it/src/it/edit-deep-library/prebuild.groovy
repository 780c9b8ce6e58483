import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('value=10 ')
  def numbers = 'core/src/main/java/it/deep/core/Numbers.java'

  // A method body two modules below main: redefined in place, nothing else reloads.
  d.replace(numbers, 'return 1;', 'return 7;')
  def inPlace = d.awaitEvent('patch-applied')
  assert inPlace.get('modules')*.get('name')*.asText() == ['core']
  assert inPlace.get('modules')*.get('strategy')*.asText() == ['in-place']
  d.awaitOutput('value=70 ')

  // A new method: core gets a new loader, and so do the modules linked against it.
  d.replace(numbers, '  public static int base() {\n    return 7;',
      '  private static int seven() {\n    return 7;\n  }\n\n  public static int base() {\n    return seven() * 2;')
  def structural = d.awaitEvent('patch-applied')
  assert structural.get('modules')*.get('name')*.asText() == ['core', 'lib', 'app']
  assert structural.get('modules')*.get('version')*.asInt() == [2, 1, 1]
  assert structural.get('modules')*.get('strategy')*.asText() == ['new-loader'] * 3
  def before = (d.awaitOutput('value=140 ') =~ /frames=(\d+)/)[0][1] as int
  // The app's static frame counter went on counting in the new loader.
  assert before > 2
  // The warm-up goes on beside the patches; the application stays up until it has ended.
  d.awaitEventAnywhere('warm')
  d.stopApplication(0)
}
