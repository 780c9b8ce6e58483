System.getProperties().remove('it.port-in-use.socket')?.close()
def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] Failed to execute goal dev.hotpatch:hotpatch-maven-plugin:0.1.0-SNAPSHOT:serve (default-cli) on project ports: Cannot listen on 127.0.0.1:47329: the port is in use. Choose another port with -Dhotpatch.port, or 0 to let the system choose. -> [Help 1]")
assert !log.contains('must not run')
