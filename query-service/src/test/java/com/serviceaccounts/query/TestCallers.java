package com.serviceaccounts.query;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import java.util.Map;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Authenticated callers for web-slice tests, with the claims the services read. */
public final class TestCallers {

  private TestCallers() {}

  /** ADMIN on the Admin tool of {@code company}. */
  public static RequestPostProcessor adminOf(Object company) {
    return withLevel(company, "ADMIN");
  }

  /** {@code level} on the Admin tool of {@code company}. */
  public static RequestPostProcessor withLevel(Object company, String level) {
    return jwt()
        .jwt(
            token ->
                token
                    .subject("user:auditor@acme.example")
                    .claim("companies", Map.of(String.valueOf(company), Map.of("admin", level))));
  }
}
