def log = new File(basedir, 'build.log').text
def root = basedir.toPath().toAbsolutePath().normalize()
assert log.contains("[ERROR] Failed to execute goal dev.hotpatch:hotpatch-maven-plugin:0.1.0-SNAPSHOT:serve (default-cli) on project poms: No module with code in the reactor at ${root}: every project in it has packaging pom. Run hotpatch:serve at the root of the reactor that builds your application, with its modules in <modules>. -> [Help 1]")
