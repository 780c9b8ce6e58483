import dev.hotpatch.it.ServeDriver

ServeDriver.begin(basedir) { d ->
  d.awaitEvent('ready')
  // Three seconds later it still runs: its input did not close, whatever serve's own input is.
  d.awaitOutput('alive 3')
  d.stopApplication(0)
}
