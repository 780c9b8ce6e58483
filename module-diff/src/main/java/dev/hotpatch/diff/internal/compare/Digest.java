package dev.hotpatch.diff.internal.compare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * 128 bits of a SHA-256 over a canonical form. Equal canonical forms give equal digests; with 128
 * bits an accidental collision is not a practical concern, so a digest stands in for the form.
 */
record Digest(long high, long low) {

  public static Builder builder() {
    return new Builder();
  }

  /** Accumulates a canonical form; every value is length- or tag-prefixed so forms cannot blur. */
  public static final class Builder {
    private byte[] buffer = new byte[256];
    private int length;

    private Builder() {}

    public Builder putInt(int value) {
      ensure(4);
      buffer[length++] = (byte) (value >>> 24);
      buffer[length++] = (byte) (value >>> 16);
      buffer[length++] = (byte) (value >>> 8);
      buffer[length++] = (byte) value;
      return this;
    }

    public Builder putLong(long value) {
      putInt((int) (value >>> 32));
      return putInt((int) value);
    }

    /** A null string is distinct from every non-null one, including the empty string. */
    public Builder putString(String value) {
      if (value == null) {
        return putInt(-1);
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      putInt(bytes.length);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buffer, length, bytes.length);
      length += bytes.length;
      return this;
    }

    public Builder putDigest(Digest digest) {
      putLong(digest.high);
      return putLong(digest.low);
    }

    public Digest build() {
      MessageDigest sha = sha256();
      sha.update(buffer, 0, length);
      byte[] hash = sha.digest();
      return new Digest(toLong(hash, 0), toLong(hash, 8));
    }

    private void ensure(int extra) {
      if (length + extra > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
      }
    }
  }

  private static long toLong(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xff);
    }
    return value;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform is required to provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
