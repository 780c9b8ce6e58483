// Another process holds the port that the build asks serve to use.
def socket = new ServerSocket(47329, 50, InetAddress.getByName('127.0.0.1'))
System.getProperties().put('it.port-in-use.socket', socket)
