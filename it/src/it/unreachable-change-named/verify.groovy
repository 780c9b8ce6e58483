import dev.hotpatch.it.ServeDriver

ServeDriver.verify(basedir)
def log = new File(basedir, 'build.log').text
assert log =~ /\[hotpatch\] warning: it\.web\.lib\.Greeting .*method added.*: no Hot\.call or Hot\.facade in lib, app leads to the new code, so the running application would keep the old one\. Restart the application to run it, or use -Dhotpatch\.restart=auto\./
