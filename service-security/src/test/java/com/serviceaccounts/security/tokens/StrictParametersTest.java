package com.serviceaccounts.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Numbers, booleans and ids in parameters and paths are read only as the API writes them. */
@ResourceServerCalls.TrustingPeopleAndTokens
class StrictParametersTest {

  @DynamicPropertySource
  static void trustedKey(DynamicPropertyRegistry registry) {
    ResourceServerCalls.trustSigner(registry);
  }

  @LocalServerPort int port;

  @Test
  void digitsAndTrueOrFalseAreRead() {
    HttpResponse<String> read = get("limit=10&before=-3&count=true");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("10 -3 true");
    assertThat(get("limit=7").body()).isEqualTo("7 null false");
  }

  @Test
  void whatSpringWouldAlsoReadIsRefused() {
    for (String query :
        new String[] {
          "limit=0x10",
          "limit=%2310",
          "limit=%EF%BC%95",
          "limit=+5",
          "limit=1e3",
          "limit=99999999999999999999",
          "limit=1&before=0X1F",
          "limit=1&count=yes",
          "limit=1&count=1",
          "limit=1&count=on",
          "limit=1&count=TRUE"
        }) {
      assertThat(get(query).statusCode()).as(query).isEqualTo(400);
    }
  }

  @Test
  void anIdIsReadOnlyInItsOwnForm() {
    String id = "0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11";
    HttpResponse<String> read =
        ResourceServerCalls.call(port, "/ids/" + id, ResourceServerCalls.personToken());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(id);
    for (String path : new String[] {id + "%09", id + "%20", "%20" + id, id + "%0B", "1-1-1-1-1"}) {
      assertThat(
              ResourceServerCalls.call(port, "/ids/" + path, ResourceServerCalls.personToken())
                  .statusCode())
          .as(path)
          .isEqualTo(400);
    }
  }

  private HttpResponse<String> get(String query) {
    return ResourceServerCalls.call(port, "/numbers?" + query, ResourceServerCalls.personToken());
  }
}
