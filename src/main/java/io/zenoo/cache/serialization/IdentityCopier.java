package io.zenoo.cache.serialization;

/** The store-by-reference copier: values and keys are kept as given. */
final class IdentityCopier implements Copier {

  static final IdentityCopier INSTANCE = new IdentityCopier();

  private IdentityCopier() {}

  @Override
  public Object toStore(Object value) {
    return value;
  }

  @Override
  public Object fromStore(Object stored) {
    return stored;
  }

  @Override
  public <K> K copyKey(K key) {
    return key;
  }

  @Override
  public long weigh(Object storedOrKey) {
    return SizeEstimator.estimate(storedOrKey);
  }
}
