def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal dev.hotpatch:hotpatch-maven-plugin:0.1.0-SNAPSHOT:serve (default-cli) on project ambiguous: No main class configured and the reactor has several: it.ambiguous.App (app), it.ambiguous.Tool (tool). Choose one with -Dhotpatch.mainClass=<class> or <mainClass> in the hotpatch-maven-plugin configuration.')
assert !log.contains(' ran')
