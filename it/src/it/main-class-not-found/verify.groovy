def log = new File(basedir, 'build.log').text
def root = basedir.toPath().toAbsolutePath().normalize()
assert log.contains("[ERROR] Failed to execute goal dev.hotpatch:hotpatch-maven-plugin:0.1.0-SNAPSHOT:serve (default-cli) on project typo: Main class it.typo.Mian is not in any module of the reactor at ${root}. Check <mainClass> in the hotpatch-maven-plugin configuration or -Dhotpatch.mainClass (main classes found: it.typo.Main (app)). -> [Help 1]")
assert !log.contains('must not run')
