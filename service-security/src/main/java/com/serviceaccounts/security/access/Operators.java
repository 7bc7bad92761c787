package com.serviceaccounts.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators: the people who may use the actuator endpoints other than health, info and
 * prometheus (parked records, dead letters, projection rebuilds).
 *
 * @param operators the {@code sub}s of people's tokens (issuer among {@link TrustedIssuers#users}),
 *     e.g. {@code user:ops@example.com}; nobody by default. A service account is never an operator.
 */
@ConfigurationProperties("service-accounts.security")
record Operators(@DefaultValue({}) List<String> operators) {

  Operators {
    operators = List.copyOf(operators);
  }
}
