package io.zenoo.cache.serialization.acme;

import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A plain mutable bean. */
public class Address implements Serializable {

  private static final long serialVersionUID = 1L;

  private String street = "";
  private String city = "";

  public Address() {}

  public Address(String street, String city) {
    this.street = street;
    this.city = city;
  }

  public String getStreet() {
    return street;
  }

  public void setStreet(String street) {
    this.street = street;
  }

  public String getCity() {
    return city;
  }

  public void setCity(String city) {
    this.city = city;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Address a && street.equals(a.street) && city.equals(a.city);
  }

  @Override
  public int hashCode() {
    return Objects.hash(street, city);
  }
}
