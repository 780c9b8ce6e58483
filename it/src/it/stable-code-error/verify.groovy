def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal dev.hotpatch:hotpatch-maven-plugin:0.1.0-SNAPSHOT:serve (default-cli) on project root: Stable class it.shop.Quote (@HotValue), method total(): its code uses it.shop.Tax, a class of module lib, which reloads on every patch; the stable layer is loaded once and cannot see it, so the code would fail with NoClassDefFoundError. Move that code into the implementation, or mark it.shop.Tax @HotValue. -> [Help 1]')
assert !log.contains('must not run')
