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
  void aParameterThatTakesOneValueIsGivenOnce() {
    // Spring would read q=a&q=b as "a,b", and limit=1&limit=2 as "1,2", refused as no number.
    for (String[] twice :
        new String[][] {{"/texts?q=a&q=b", "q"}, {"/numbers?limit=1&limit=2", "limit"}}) {
      HttpResponse<String> refused =
          ResourceServerCalls.call(port, twice[0], ResourceServerCalls.personToken());
      assertThat(refused.statusCode()).as(twice[0]).isEqualTo(400);
      assertThat(refused.body())
          .as(twice[0])
          .contains("\"detail\":\"" + twice[1] + " must be given once\"");
    }
    // A list's parameter may repeat.
    HttpResponse<String> list =
        ResourceServerCalls.call(
            port, "/texts?q=a&type=x&type=y", ResourceServerCalls.personToken());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).isEqualTo("a [x, y]");
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

  @Test
  void anInstantIsReadInIso8601WithinFourDigitYears() {
    for (String[] read :
        new String[][] {
          {"2026-12-06T10:15:30Z", "2026-12-06T10:15:30Z"},
          {"2026-12-06T11:15:30.5%2B01:00", "2026-12-06T10:15:30.500Z"},
          {"0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"},
          {"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"}
        }) {
      HttpResponse<String> response = instant(read[0]);
      assertThat(response.statusCode()).as(read[0]).isEqualTo(200);
      assertThat(response.body()).isEqualTo(read[1]);
    }
    for (String refused :
        new String[] {
          "%2B1000000000-01-01T00:00:00Z",
          "%2B999999999-12-31T23:59:59Z",
          "-1000000000-01-01T00:00:00Z",
          "%2B10000-01-01T00:00:00Z",
          "-0001-12-31T00:00:00Z",
          "31556889864403199",
          "1765017360000",
          "Sun,%2006%20Dec%202026%2010:15:30%20GMT",
          "2026-12-06"
        }) {
      assertThat(instant(refused).statusCode()).as(refused).isEqualTo(400);
    }
  }

  private HttpResponse<String> instant(String at) {
    return ResourceServerCalls.call(port, "/instants?at=" + at, ResourceServerCalls.personToken());
  }

  private HttpResponse<String> get(String query) {
    return ResourceServerCalls.call(port, "/numbers?" + query, ResourceServerCalls.personToken());
  }
}
