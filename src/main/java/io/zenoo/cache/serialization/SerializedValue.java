package io.zenoo.cache.serialization;

/**
 * A value kept as the bytes of its Java serialization. Its size is exact, which is what store-by-value
 * memory-usage statistics report.
 */
final class SerializedValue {

  final byte[] bytes;
  final String className;

  SerializedValue(byte[] bytes, String className) {
    this.bytes = bytes;
    this.className = className;
  }

  @Override
  public String toString() {
    return "SerializedValue[" + className + ", " + bytes.length + " bytes]";
  }
}
