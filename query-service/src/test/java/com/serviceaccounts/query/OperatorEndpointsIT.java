package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.testsupport.ActuatorCalls;
import com.serviceaccounts.testsupport.TestAccount;
import com.serviceaccounts.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operator endpoints (parked records, dead letters, projection rebuilds) are for the people
 * named in {@code service-accounts.security.operators} only: no token is a 401, a valid token of
 * anybody else (a company's admin, a service account) a 403 {@code not-an-operator} problem, and
 * the request never reaches the endpoint.
 */
class OperatorEndpointsIT extends QueryServiceIntegrationTest {

  /** Every operation of every operator endpoint; none of them exists at the ids used here. */
  private static final List<String[]> OPERATIONS =
      List.of(
          new String[] {"GET", "/actuator/parked"},
          new String[] {"POST", "/actuator/parked/999999999"},
          new String[] {"DELETE", "/actuator/parked/999999999"},
          new String[] {"GET", "/actuator/deadletters"},
          new String[] {"POST", "/actuator/deadletters/0/999999999"},
          new String[] {"GET", "/actuator/projections"},
          new String[] {"POST", "/actuator/projections"});

  @Test
  void onlyAnOperatorReachesTheOperatorEndpoints() throws Exception {
    TestAccount operations = TestAccount.withClientId("sa_operations_" + UUID.randomUUID());
    feed.publish(operations.created("Operations"));
    awaitAccountAtVersion(operations, 1);
    UUID company = operations.companyId;
    String serviceAccount =
        TestTokens.changed(
            company,
            claims ->
                claims
                    .issuer("http://localhost:8082")
                    .subject("service-account:" + operations.clientId)
                    .claim("client_id", operations.clientId));
    Map<String, String> others =
        Map.of(
            "a company's admin",
            TestTokens.companyAdmin(company),
            "a person in no company",
            TestTokens.withCompanies("user:someone@acme.example", Map.of()),
            "a service account",
            serviceAccount);
    // The service account's token is valid, and its account active: it reads its company like any
    // caller.
    assertThat(
            send("GET", "/companies/" + company + "/service-accounts", serviceAccount).statusCode())
        .isEqualTo(200);

    for (String[] operation : OPERATIONS) {
      String method = operation[0];
      String path = operation[1];
      HttpResponse<String> anonymous = send(method, path, null);
      assertThat(anonymous.statusCode()).as(method + " " + path).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .get()
          .asString()
          .startsWith("Bearer");
      for (Map.Entry<String, String> other : others.entrySet()) {
        HttpResponse<String> refused = send(method, path, other.getValue());
        assertThat(refused.statusCode())
            .as(other.getKey() + ": " + method + " " + path)
            .isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
        assertThat(QueryApi.json(refused.body()).get("type").asString())
            .isEqualTo("urn:service-accounts:problem:not-an-operator");
      }
    }

    // The operator reads every endpoint, and reaches the write operations (nothing to act on).
    for (String path :
        List.of("/actuator/parked", "/actuator/deadletters", "/actuator/projections")) {
      assertThat(send("GET", path, TestTokens.operator()).statusCode()).as(path).isEqualTo(200);
    }
    // What is not there is a 404 problem that names it.
    for (String[] missing :
        List.of(
            new String[] {
              "DELETE", "/actuator/parked/999999999", "no open parked record #999999999"
            },
            new String[] {"POST", "/actuator/parked/999999999", "no open parked record #999999999"},
            new String[] {
              "POST", "/actuator/deadletters/0/999999999", "no dead letter at partition 0, offset"
            })) {
      HttpResponse<String> notFound = send(missing[0], missing[1], TestTokens.operator());
      assertThat(notFound.statusCode()).as(missing[1]).isEqualTo(404);
      assertThat(notFound.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      JsonNode problem = QueryApi.json(notFound.body());
      assertThat(problem.get("code").asString()).isEqualTo("record-not-found");
      assertThat(problem.get("status").asInt()).isEqualTo(404);
      assertThat(problem.get("detail").asString()).contains(missing[2]);
    }
    // Health, info and metrics stay open.
    for (String open : List.of("/actuator/health", "/actuator/info", "/actuator/prometheus")) {
      assertThat(send("GET", open, null).statusCode()).as(open).isEqualTo(200);
    }
  }

  @Test
  void aParameterThatDoesNotReadIsAProblemThatNamesIt() throws Exception {
    for (String[] unreadable :
        List.of(
            new String[] {"GET", "/actuator/parked?limit=abc", "limit"},
            new String[] {"GET", "/actuator/parked?limit=99999999999999999999", "limit"},
            new String[] {"GET", "/actuator/deadletters?limit=1.5", "limit"},
            new String[] {"POST", "/actuator/parked/abc", "id"},
            new String[] {"DELETE", "/actuator/parked/%F0%9F%98%80", "id"},
            new String[] {"POST", "/actuator/deadletters/x/1", "partition"},
            new String[] {"POST", "/actuator/deadletters/0/-", "offset"},
            // Numbers in the APIs' form only: the actuator read #16 and 0x10 as hexadecimal (a
            // discard of "#16", copied from a parking reason, discarded record 22).
            new String[] {"DELETE", "/actuator/parked/%2316", "id"},
            new String[] {"POST", "/actuator/parked/0x10", "id"},
            new String[] {"POST", "/actuator/parked/+16", "id"},
            new String[] {"DELETE", "/actuator/parked/%2016", "id"},
            new String[] {"DELETE", "/actuator/parked/%EF%BC%91%EF%BC%96", "id"},
            new String[] {"GET", "/actuator/deadletters?limit=0x10", "limit"},
            new String[] {"POST", "/actuator/deadletters/%230/1", "partition"})) {
      HttpResponse<String> refused = send(unreadable[0], unreadable[1], TestTokens.operator());
      assertThat(refused.statusCode()).as(unreadable[1]).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonNode problem = QueryApi.json(refused.body());
      assertThat(problem.get("type").asString())
          .isEqualTo("urn:service-accounts:problem:invalid-parameter");
      assertThat(problem.get("detail").asString())
          .as(unreadable[1])
          .startsWith(unreadable[2] + " must be a whole number");
      assertThat(problem.get("invalidParams").get(0).get("name").asString())
          .isEqualTo(unreadable[2]);
    }
    // A limit is from 1 to 1,000 (it was read as 1 below and 1,000 above).
    for (String limit : List.of("-1", "0", "1001")) {
      for (String endpoint : List.of("parked", "deadletters")) {
        HttpResponse<String> refused =
            send("GET", "/actuator/" + endpoint + "?limit=" + limit, TestTokens.operator());
        assertThat(refused.statusCode()).as(endpoint + " " + limit).isEqualTo(400);
        assertThat(QueryApi.json(refused.body()).get("detail").asString())
            .isEqualTo("limit must be from 1 to 1000");
      }
    }
    // A number given twice is refused, not read as its first value.
    for (String twice :
        List.of("/actuator/parked?limit=1&limit=2", "/actuator/deadletters?limit=5&limit=5")) {
      HttpResponse<String> refused = send("GET", twice, TestTokens.operator());
      assertThat(refused.statusCode()).as(twice).isEqualTo(400);
      assertThat(QueryApi.json(refused.body()).get("detail").asString())
          .isEqualTo("limit must be given once");
    }
    // One beyond an int is told the listing's range; one beyond a long, the long's.
    assertThat(
            QueryApi.json(
                    send("GET", "/actuator/parked?limit=99999999999", TestTokens.operator()).body())
                .get("detail")
                .asString())
        .isEqualTo("limit must be from 1 to 1000");
    assertThat(
            QueryApi.json(
                    send(
                            "GET",
                            "/actuator/deadletters?limit=99999999999999999999",
                            TestTokens.operator())
                        .body())
                .get("detail")
                .asString())
        .isEqualTo("limit must be a whole number from -9223372036854775808 to 9223372036854775807");
  }

  private HttpResponse<String> send(String method, String path, String authorization)
      throws Exception {
    return ActuatorCalls.send(port, method, path, authorization);
  }
}
