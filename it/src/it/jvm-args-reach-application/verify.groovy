def log = new File(basedir, 'build.log').text
assert log.contains('java.lang is open; args=one|two words')
assert log.contains('property=mint')
assert log.contains('[hotpatch] application exited with code 0')
