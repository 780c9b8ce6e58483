import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('methods=greet(visitor) said=hi you')
  d.replace('lib/src/main/java/it/args/lib/Greeter.java', '  public static String greet(',
      '  public static String farewell(String traveller) {\n    return "bye " + traveller;\n  }\n\n  public static String greet(')
  d.awaitEvent('patch-applied')
  // Without -parameters in the patch, the new method's parameter would read arg0.
  d.awaitOutput('methods=farewell(traveller) greet(visitor) said=hi you')
  d.stopApplication(0)
}
