package io.zenoo.cache.serialization.acme;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A bean nesting another bean, a list of beans, a map and an enum. */
public class Customer implements Serializable {

  private static final long serialVersionUID = 1L;

  private String name = "";
  private @Nullable Address address;
  private List<Address> previousAddresses = new ArrayList<>();
  private Map<String, Integer> scores = new LinkedHashMap<>();
  private Color favourite = Color.RED;

  public static Customer sample() {
    Customer customer = new Customer();
    customer.setName("Grace");
    customer.setAddress(new Address("1 Main St", "Paris"));
    customer.setPreviousAddresses(List.of(new Address("2 Old Rd", "Lyon"), new Address("3 Quay", "Nantes")));
    customer.setScores(new LinkedHashMap<>(Map.of("loyalty", 7)));
    customer.setFavourite(Color.GREEN);
    return customer;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public @Nullable Address getAddress() {
    return address;
  }

  public void setAddress(@Nullable Address address) {
    this.address = address;
  }

  public List<Address> getPreviousAddresses() {
    return previousAddresses;
  }

  public void setPreviousAddresses(List<Address> previousAddresses) {
    this.previousAddresses = new ArrayList<>(previousAddresses);
  }

  public Map<String, Integer> getScores() {
    return scores;
  }

  public void setScores(Map<String, Integer> scores) {
    this.scores = scores;
  }

  public Color getFavourite() {
    return favourite;
  }

  public void setFavourite(Color favourite) {
    this.favourite = favourite;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Customer c
        && name.equals(c.name)
        && Objects.equals(address, c.address)
        && previousAddresses.equals(c.previousAddresses)
        && scores.equals(c.scores)
        && favourite == c.favourite;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, address, previousAddresses, scores, favourite);
  }
}
