import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('message: one | banner: release 1.0')
  // Read on every tick: by the time of the edit, read more than once (what read once means: see
  // the resource-read-once test).
  Thread.sleep(300)
  // A plain resource: copied into the library's next version, nothing compiled.
  d.replace('lib/src/main/resources/it/res/lib/message.txt', 'one', 'two')
  def applied = d.awaitEvent('patch-applied')
  assert applied.get('modules').size() == 1
  assert applied.get('modules').get(0).get('name').asText() == 'lib'
  assert applied.get('modules').get(0).get('strategy').asText() == 'in-place'
  d.awaitOutput('message: two | banner: release 1.0')
  // A filtered resource: Maven's filtering rules, with the project's values.
  d.replace('lib/src/main/filtered/banner.txt', '${banner.word} ${project.version}', 'build ${project.version} of ${project.artifactId}')
  d.awaitEvent('patch-applied')
  d.awaitOutput('message: two | banner: build 1.0 of lib')
  // A deleted resource is gone for the application too.
  d.delete('lib/src/main/resources/it/res/lib/message.txt')
  d.awaitEvent('patch-applied')
  d.awaitOutput('message: (missing) | banner: build 1.0 of lib')
  d.stopApplication(0)
}
