import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  def line = d.awaitOutput('report: {"report":"v1"}')
  assert line.contains(' a+b it/Generated /a/b from ')
  assert line.endsWith(' from jackson-databind-2.13.5.jar, guava-31.1-jre.jar, asm-9.2.jar, jetty-util-9.4.53.v20231009.jar')
  d.replace('lib/src/main/java/it/versions/lib/Report.java', 'data.put("report", "v1");', 'data.put("report", "v2");')
  d.awaitEvent('patch-applied')
  d.awaitOutput('report: {"report":"v2"} a+b it/Generated /a/b from jackson-databind-2.13.5.jar, guava-31.1-jre.jar, asm-9.2.jar, jetty-util-9.4.53.v20231009.jar')
  d.stopApplication(0)
}
