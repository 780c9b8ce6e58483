package dev.hotpatch.runtime.channel;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate: the one whose SHA-256 fingerprint the application's
 * connection file names. serve's certificate is its own, made for the reactor, so no authority
 * signs it and no host name has to match it: the pin is the whole check, and it is stricter than
 * both.
 */
final class PinnedServerTrust extends X509ExtendedTrustManager {
  private final byte[] fingerprint;

  private PinnedServerTrust(byte[] fingerprint) {
    this.fingerprint = fingerprint;
  }

  /**
   * A TLS context that completes a handshake only with the server whose certificate has {@code
   * fingerprint} (hex, colons allowed).
   */
  static SSLContext context(String fingerprint) {
    byte[] pin;
    try {
      pin = HexFormat.of().parseHex(fingerprint.replace(":", "").toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the server fingerprint \"" + fingerprint + "\" is not a hexadecimal SHA-256", e);
    }
    if (pin.length != 32) {
      throw new IllegalArgumentException(
          "the server fingerprint has " + pin.length + " bytes; a SHA-256 has 32");
    }
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(null, new TrustManager[] {new PinnedServerTrust(pin)}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK offers no TLS 1.3: " + e.getMessage(), e);
    }
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("serve presented no certificate");
    }
    byte[] actual;
    try {
      actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new CertificateException("Every JDK has SHA-256", e);
    }
    if (!MessageDigest.isEqual(actual, fingerprint)) {
      throw new CertificateException(
          "the server's certificate has fingerprint "
              + HexFormat.of().formatHex(actual)
              + ", not the one in the connection file: it is not this reactor's serve (or its"
              + " keys were rotated: copy the new bundle)");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the application authenticates servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the application authenticates servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the application authenticates servers only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
