package com.serviceaccounts.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A subject is unique at its issuer only: the people of two providers who share one are two people,
 * and neither's sign-ins end the other's sessions.
 */
class SessionPersonTest {

  @Test
  void aProvidersPersonIsTheirIssuerAndSubject() {
    assertThat(UiSecurityConfiguration.person(signedIn("https://idp-a.example", "42")))
        .isEqualTo(UiSecurityConfiguration.person(signedIn("https://idp-a.example", "42")))
        .isNotEqualTo(UiSecurityConfiguration.person(signedIn("https://idp-b.example", "42")));
  }

  private static OAuth2AuthenticationToken signedIn(String issuer, String subject) {
    OidcIdToken token =
        new OidcIdToken(
            "id-token",
            Instant.now(),
            Instant.now().plusSeconds(60),
            Map.of("iss", issuer, "sub", subject));
    return new OAuth2AuthenticationToken(new DefaultOidcUser(List.of(), token), List.of(), "idp");
  }
}
