package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The launcher waits for this answer before it calls the service up. */
class HealthIT extends QueryServiceIntegrationTest {

  @Test
  void healthIsUpWhenTheDatabaseIs() {
    QueryApi.Response health = api.get("/actuator/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
  }

  @Test
  void anUnknownPathIsAProblemToo() {
    QueryApi.Response missing = api.get("/companies");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).isEqualTo("application/problem+json");
  }
}
