package dev.hotpatch.serve.channel;

/**
 * Where the patch server listens: a host (a name or an IP address) and a port, 0 for any free one.
 */
public record Address(String host, int port) {
  public Address {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("An address needs a host.");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("Port " + port + " is not between 0 and 65535.");
    }
  }

  static Address loopback(int port) {
    return new Address("127.0.0.1", port);
  }

  /**
   * {@code HOST:PORT}, {@code [IPV6]:PORT}, or {@code :PORT} for every address of the machine.
   *
   * @param property the setting it came from, named in the error
   */
  public static Address parse(String text, String property) {
    String value = text == null ? "" : text.strip();
    int colon = value.lastIndexOf(':');
    String host = colon < 0 ? "" : value.substring(0, colon);
    String port = colon < 0 ? "" : value.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() && colon == 0) {
      host = "0.0.0.0";
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (host.isEmpty() || number < 0 || number > 65_535) {
      throw new IllegalArgumentException(
          "Invalid "
              + property
              + " \""
              + value
              + "\". Give HOST:PORT, for example 0.0.0.0:7711 (every address) or"
              + " 192.168.1.20:7711; port 0 takes any free one.");
    }
    return new Address(host, number);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
