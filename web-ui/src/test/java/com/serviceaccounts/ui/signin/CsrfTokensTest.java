package com.serviceaccounts.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/** A CSRF token tampered with, however, is a wrong one (the filter's 403), never an exception. */
class CsrfTokensTest {

  private final CsrfTokens tokens = new CsrfTokens();
  private final CsrfToken token =
      new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "4bfd1575-3ad1-4d21-96c7-4ef2d9f86721");

  @Test
  void theFormsTokenResolvesAndATamperedOneIsWrong() {
    MockHttpServletRequest page = new MockHttpServletRequest();
    tokens.handle(page, new MockHttpServletResponse(), () -> token);
    String masked = ((CsrfToken) page.getAttribute(CsrfToken.class.getName())).getToken();
    assertThat(tokens.resolveCsrfTokenValue(posted(masked), token)).isEqualTo(token.getToken());

    byte[] real = Base64.getUrlDecoder().decode(masked);
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      // The real token's length, other bytes: unmasked, they are rarely UTF-8.
      byte[] tampered = real.clone();
      for (int at = 0; at < tampered.length; at += 1 + random.nextInt(4)) {
        tampered[at] = (byte) random.nextInt(256);
      }
      String value = Base64.getUrlEncoder().encodeToString(tampered);
      assertThat(tokens.resolveCsrfTokenValue(posted(value), token))
          .as(value)
          .isNotEqualTo(token.getToken());
    }
  }

  @Test
  void aTokenInTheAddressIsNotTaken() {
    MockHttpServletRequest page = new MockHttpServletRequest();
    tokens.handle(page, new MockHttpServletResponse(), () -> token);
    String masked = ((CsrfToken) page.getAttribute(CsrfToken.class.getName())).getToken();
    for (String query : new String[] {"_csrf=", "a=1&%5Fcsrf=", "_csrf"}) {
      MockHttpServletRequest linked = posted(masked);
      linked.setQueryString(query + (query.endsWith("=") ? masked : ""));

      assertThat(tokens.resolveCsrfTokenValue(linked, token)).as(query).isNull();
    }
  }

  private static MockHttpServletRequest posted(String value) {
    MockHttpServletRequest form = new MockHttpServletRequest("POST", "/sign-in");
    form.setParameter("_csrf", value);
    return form;
  }
}
