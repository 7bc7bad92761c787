package com.serviceaccounts.oidcprovider;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The people who can sign in, from the provider's configuration file ({@code
 * --spring.config.additional-location=file:people.yml}).
 *
 * @param people each with a user name, a password in Spring Security's format ({@code {bcrypt}…},
 *     or {@code {noop}…} for tests), an email, a display name and groups
 */
@ConfigurationProperties("oidc-provider")
record ProviderPeople(@DefaultValue({}) List<Person> people) {

  ProviderPeople {
    people = List.copyOf(people);
  }

  record Person(
      String username,
      String password,
      String email,
      String name,
      @DefaultValue({}) List<String> groups) {}

  Optional<Person> find(String username) {
    return people.stream().filter(person -> person.username().equals(username)).findFirst();
  }
}
