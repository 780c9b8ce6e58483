def log = new File(basedir, 'build.log').text
def folder = new File(basedir, 'run/there').toPath().toAbsolutePath().normalize()
assert log.contains("[ERROR] Failed to execute goal dev.hotpatch:hotpatch-maven-plugin:0.1.0-SNAPSHOT:serve (default-cli) on project nowhere: Working directory not found: ${folder} (hotpatch.workingDirectory=run/there, relative to the reactor root). Create the folder, or set hotpatch.workingDirectory to an existing one. -> [Help 1]")
assert !log.contains('must not run')
