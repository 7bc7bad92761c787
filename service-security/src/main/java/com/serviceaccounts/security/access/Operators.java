package com.serviceaccounts.security.access;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators: the people who may use the actuator endpoints other than health, info and
 * prometheus (parked records, dead letters, projection rebuilds).
 *
 * @param operators the {@code sub}s of people's tokens (issuer among {@code
 *     service-accounts.security.issuers.users}), e.g. {@code user:ops@example.com}; nobody by
 *     default. A service account is never an operator.
 */
@ConfigurationProperties(Operators.PROPERTIES)
record Operators(@DefaultValue({}) List<String> operators) {

  static final String PROPERTIES = "service-accounts.security";

  Operators {
    operators = List.copyOf(operators);
  }
}
