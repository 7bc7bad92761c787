package com.serviceaccounts.security.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ParameterFilterTest {

  private final ParameterFilter filter = new ParameterFilter(20);

  @Test
  void passesWellFormedFormParameters() throws Exception {
    MockHttpServletRequest request = form();
    request.addParameter("grant_type", "client_credentials");
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(chain.getRequest()).isSameAs(request);
  }

  @Test
  void refusesAFormValueWithAControlCharacterNamingTheParameter() throws Exception {
    MockHttpServletRequest request = form();
    request.addParameter("client_id", "sa_\u0000x");
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, response, chain);

    assertThat(chain.getRequest()).isNull();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getContentAsString())
        .contains("\"name\":\"client_id\"")
        .contains("control characters");
    // RFC 9457 §3.2: extension members stand beside the standard ones, not under "properties".
    assertThat(response.getContentAsString())
        .startsWith("{")
        .contains("\"invalidParams\":[")
        .doesNotContain("\"properties\"");
    assertThat(response.getContentAsString())
        .contains("\"code\":\"invalid-parameter\",\"invalidParams\":[")
        .contains("{\"name\":\"client_id\",\"code\":\"invalid-parameter\",\"reason\":");
  }

  @Test
  void refusesAFormValueOverTheLimit() throws Exception {
    MockHttpServletRequest request = form();
    request.addParameter("scope", "s".repeat(21));
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(request, response, new MockFilterChain());

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString()).contains("\"name\":\"scope\"");
  }

  @Test
  void answersAFormTomcatCannotDecodeWithItsStatus() throws Exception {
    MockHttpServletResponse tooLarge = new MockHttpServletResponse();
    filter.doFilter(unreadable(413), tooLarge, new MockFilterChain());
    MockHttpServletResponse badEncoding = new MockHttpServletResponse();
    filter.doFilter(unreadable(400), badEncoding, new MockFilterChain());

    assertThat(tooLarge.getStatus()).isEqualTo(413);
    assertThat(tooLarge.getContentAsString()).contains("\"code\":\"form-too-large\"");
    assertThat(tooLarge.getContentType()).isEqualTo("application/problem+json");
    assertThat(badEncoding.getStatus()).isEqualTo(400);
    assertThat(badEncoding.getContentType()).isEqualTo("application/problem+json");
  }

  private static MockHttpServletRequest form() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
    request.setContentType("application/x-www-form-urlencoded");
    return request;
  }

  /** A form Tomcat refuses as it decodes it, the way its request throws from getParameterMap. */
  private static MockHttpServletRequest unreadable(int status) {
    MockHttpServletRequest request =
        new MockHttpServletRequest("POST", "/oauth2/token") {
          @Override
          public java.util.Map<String, String[]> getParameterMap() {
            throw new InvalidParameterException("refused", status);
          }
        };
    request.setContentType("application/x-www-form-urlencoded");
    return request;
  }

  @Test
  void refusesAFormOfMoreParametersThanAnyEndpointTakes() throws Exception {
    MockHttpServletRequest request = form();
    for (int i = 0; i <= ParameterDefect.MAX_PARAMETERS; i++) {
      request.addParameter("p" + i, "v");
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, response, chain);

    assertThat(chain.getRequest()).isNull();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString()).contains("must have at most 100 parameters");
  }
}
