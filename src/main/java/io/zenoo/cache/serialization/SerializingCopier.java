package io.zenoo.cache.serialization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import javax.cache.CacheException;

/**
 * The default store-by-value copier. Immutable JDK values are kept as they are; anything else is kept as
 * its Java serialization bytes and deserialized afresh, with the cache's class loader, on every read, so a
 * caller can never change what the cache holds. Keys are copied once when stored.
 *
 * <p>Values that cannot be serialized fail the operation with a {@link CacheException} naming the class.
 */
final class SerializingCopier implements Copier {

  private final ClassLoader classLoader;

  SerializingCopier(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public Object toStore(Object value) {
    if (ImmutableTypes.isImmutable(value)) {
      return value;
    }
    return new SerializedValue(serialize(value), value.getClass().getName());
  }

  @Override
  public Object fromStore(Object stored) {
    if (stored instanceof SerializedValue serialized) {
      return deserialize(serialized.bytes, serialized.className);
    }
    return stored;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K> K copyKey(K key) {
    if (ImmutableTypes.isImmutable(key)) {
      return key;
    }
    return (K) deserialize(serialize(key), key.getClass().getName());
  }

  @Override
  public long weigh(Object storedOrKey) {
    return SizeEstimator.estimate(storedOrKey);
  }

  private static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new CacheException(
          "Cannot store a " + value.getClass().getName() + " by value: " + e.getMessage()
              + " is not Serializable (make it Serializable or configure store-by-reference)",
          e);
    } catch (IOException | RuntimeException e) {
      throw new CacheException(
          "Cannot store a " + value.getClass().getName() + " by value: serialization failed: " + e, e);
    }
    return bytes.toByteArray();
  }

  private Object deserialize(byte[] data, String className) {
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(data), classLoader)) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new CacheException("Cannot copy a stored " + className + ": deserialization failed: " + e, e);
    }
  }

  /** Resolves classes with the cache's class loader first. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
