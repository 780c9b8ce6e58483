import dev.hotpatch.it.ServeDriver

// The pom's compiler settings and resource filtering change while the application runs: the next
// compile and resource copy use them, with no restart.
ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  d.awaitOutput('parameter arg0, greeting ${greeting}')

  // -parameters: the module compiles whole with it, and the patch carries the parameter's name.
  d.replace('pom.xml', '<project.build.sourceEncoding>',
      '<maven.compiler.parameters>true</maven.compiler.parameters>\n    <project.build.sourceEncoding>')
  d.awaitEvent('patch-applied')
  d.awaitOutput('parameter name, greeting ${greeting}')

  // Filtering on: the resources are copied again, filtered with the pom's properties.
  d.replace('app/pom.xml', '<directory>src/main/resources</directory>',
      '<directory>src/main/resources</directory>\n        <filtering>true</filtering>')
  d.awaitEvent('patch-applied')
  d.awaitOutput('parameter name, greeting from the root pom')

  // A property the filter uses changes in the parent pom.
  d.replace('pom.xml', '<greeting>from the root pom</greeting>', '<greeting>changed in the root pom</greeting>')
  d.awaitEvent('patch-applied')
  d.awaitOutput('parameter name, greeting changed in the root pom')
  d.stopApplication(0)
}
