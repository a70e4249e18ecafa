package io.zenoo.cache.serialization;

import static java.nio.charset.StandardCharsets.UTF_8;

/** A custom codec, as a configuration names it by class. */
public final class ReversingCodec implements Codec<String> {

  public ReversingCodec() {}

  @Override
  public byte[] encode(String value) {
    return new StringBuilder(value).reverse().toString().getBytes(UTF_8);
  }

  @Override
  public String decode(byte[] bytes) {
    return new StringBuilder(new String(bytes, UTF_8)).reverse().toString();
  }
}
