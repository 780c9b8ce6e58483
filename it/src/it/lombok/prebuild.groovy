import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('text=hello world! value=Greeting(name=world, punctuation=!)')
  // The builder's default lives in a method Lombok generates.
  d.replace('lib/src/main/java/it/lombok/lib/Greeting.java', 'punctuation = "!"', 'punctuation = "?"')
  d.awaitEvent('patch-applied')
  d.awaitOutput('text=hello world? value=Greeting(name=world, punctuation=?)')
  // A new field: Lombok adds it to the constructor, the builder, toString, equals and hashCode.
  d.replace('lib/src/main/java/it/lombok/lib/Greeting.java', '  String name;',
      '  String name;\n  @Builder.Default int times = 2;')
  d.replace('lib/src/main/java/it/lombok/lib/Greeting.java', '+ punctuation;', '+ punctuation.repeat(times);')
  d.awaitEvent('patch-applied')
  d.awaitOutput('text=hello world?? value=Greeting(name=world, times=2, punctuation=?)')
  d.stopApplication(0)
}
