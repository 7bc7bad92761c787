package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The launcher waits for readiness before it calls the service up. */
class HealthIT extends QueryServiceIntegrationTest {

  @Test
  void healthIsUpWhenTheDatabaseIs() {
    QueryApi.Response ready = api.get("/actuator/health/readiness");
    QueryApi.Response health = api.get("/actuator/health");

    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("status").asString()).isEqualTo("UP");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
    // Records parked by other tests' poison make it PARKED, which answers 200 as well.
    assertThat(health.json().get("status").asString()).isIn("UP", "PARKED");
  }

  @Test
  void anUnknownPathIsAProblemToo() {
    QueryApi.Response missing = api.get("/companies");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  void aHealthComponentTheServiceDoesNotHaveIsANotFoundProblem() {
    for (String path : new String[] {"/actuator/health/nope", "/actuator/health/db/nope"}) {
      QueryApi.Response missing = api.get(path);

      assertThat(missing.status()).as(path).isEqualTo(404);
      assertThat(missing.contentType()).as(path).isEqualTo("application/problem+json");
      assertThat(missing.json().get("detail").asString())
          .isEqualTo("nothing is served at this path");
      assertThat(missing.json().get("instance").asString()).isEqualTo(path);
    }
  }
}
