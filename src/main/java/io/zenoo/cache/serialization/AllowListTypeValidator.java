package io.zenoo.cache.serialization;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import org.jspecify.annotations.Nullable;

/**
 * Jackson's gate for type ids, built from an {@link AllowList}: a type id is decided by its name, before
 * Jackson resolves it to a class, and never left undecided (which would let Jackson load the class to ask
 * again). Type parameters of generic ids ({@code java.util.EnumSet<com.acme.Color>}) reach
 * {@link AllowListTypeFactory}, which applies the same list. Stateless apart from its configuration.
 */
final class AllowListTypeValidator extends PolymorphicTypeValidator.Base {

  private static final long serialVersionUID = 1L;

  private final transient AllowList allowList;
  private final transient @Nullable ClassLoader loader;

  AllowListTypeValidator(AllowList allowList, @Nullable ClassLoader loader) {
    this.allowList = allowList;
    this.loader = loader;
  }

  @Override
  public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
    return allowList.allows(subClassName, loader) ? Validity.ALLOWED : Validity.DENIED;
  }

  @Override
  public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
    return allowList.allows(subType.getRawClass()) ? Validity.ALLOWED : Validity.DENIED;
  }
}
