def log = new File(basedir, 'build.log').text
def help = log.substring(log.indexOf('hotpatch:serve'))
// Every parameter is documented: its description comes before its user property.
def properties = ['mainClass', 'args', 'jvmArgs', 'workingDirectory', 'java', 'watch', 'debounce',
                  'restart', 'events', 'port', 'listen', 'launch', 'rotateKeys']
properties.each { name ->
  def block = (help =~ /(?s)\n    ${name}(?: \(Default: [^)]*\))?\n(.*?)\n      User property: hotpatch\.${name}\n/)
  assert block.find(): "no help for ${name}"
  assert block.group(1).trim().length() > 40: "too little help for ${name}: ${block.group(1)}"
}
assert help.contains('What serve watches to find changes.')
assert help.contains('User property: hotpatch.watch')
