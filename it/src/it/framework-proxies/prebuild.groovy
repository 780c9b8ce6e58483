import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('proxy class it.fw.lib.PriceService$$Proxy')
  d.awaitOutput('price: tea costs 3 EUR | format: [TEA]')
  // The bean's body: the proxy made at start calls its super method, which now has the new body.
  d.replace('lib/src/main/java/it/fw/lib/PriceService.java', '" costs " + 3', '" costs " + 4')
  def bean = d.awaitEvent('patch-applied')
  assert bean.get('modules').get(0).get('name').asText() == 'lib'
  assert bean.get('modules').get(0).get('strategy').asText() == 'in-place'
  d.awaitOutput('price: tea costs 4 EUR | format: [TEA]')
  // The plugin that ServiceLoader made once: the same instance runs the new body.
  d.replace('lib/src/main/java/it/fw/lib/BracketFormatter.java', '"[" + text.toUpperCase() + "]"', '"<" + text.toUpperCase() + ">"')
  def plugin = d.awaitEvent('patch-applied')
  assert plugin.get('modules').get(0).get('strategy').asText() == 'in-place'
  d.awaitOutput('price: tea costs 4 EUR | format: <TEA>')
  d.stopApplication(0)
}
