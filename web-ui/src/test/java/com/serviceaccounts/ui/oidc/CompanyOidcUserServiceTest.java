package com.serviceaccounts.ui.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.security.tokens.IdentityProvider;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/** Whom a provider's sign-in lets in, and how a refusal reads. */
class CompanyOidcUserServiceTest {

  private static final String ACME = "https://login.acme.example/realms/acme";
  private static final UUID COMPANY = UUID.fromString("0b6b1e0c-7d0a-4d8c-9a55-0f3f7e3c2a11");

  private final CompanyOidcUserService users =
      new CompanyOidcUserService(
          List.of(
              new IdentityProvider(
                  ACME,
                  null,
                  List.of(),
                  "email",
                  "groups",
                  List.of(
                      new IdentityProvider.Grant(
                          "sa-admins", COMPANY, Map.of("admin", PermissionLevel.ADMIN))))));

  @Test
  void aPersonInAGrantedGroupIsSignedInAsTheirActor() {
    SignedInPerson person = (SignedInPerson) users.loadUser(request(null, "alice@acme.example"));

    assertThat(person.actor()).isEqualTo("user:alice@acme.example");
    assertThat(person.companies().get(COMPANY)).containsEntry("admin", PermissionLevel.ADMIN);
  }

  @Test
  void anActorClaimTheApisWouldRefuseIsNoAccessNamingWhy() {
    for (String email :
        List.of(" alice@acme.example", "service-account:sa_evil", "alice\u200b@acme.example")) {
      OAuth2AuthenticationException refused =
          catchThrowableOfType(
              OAuth2AuthenticationException.class, () -> users.loadUser(request(null, email)));

      assertThat(refused.getError().getErrorCode()).isEqualTo(CompanyOidcUserService.NO_ACCESS);
      assertThat(refused.getError().getDescription()).contains("the email claim, who acts,");
    }
  }

  @Test
  void anAnswerAboutThePersonThatIsNoJsonIsAFailedSignInNotAServerError() throws Exception {
    HttpServer userInfo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    userInfo.createContext(
        "/userinfo",
        exchange -> {
          byte[] page =
              "<html><body>400 Bad Request</body></html>".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html");
          exchange.sendResponseHeaders(400, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    userInfo.start();
    try {
      String uri = "http://127.0.0.1:" + userInfo.getAddress().getPort() + "/userinfo";
      OAuth2AuthenticationException refused =
          catchThrowableOfType(
              OAuth2AuthenticationException.class,
              () -> users.loadUser(request(uri, "alice@acme.example")));

      assertThat(refused.getError().getErrorCode())
          .isEqualTo(CompanyOidcUserService.INVALID_USER_INFO);
    } finally {
      userInfo.stop(0);
    }
  }

  private static OidcUserRequest request(String userInfoUri, String email) {
    ClientRegistration registration =
        ClientRegistration.withRegistrationId("acme")
            .clientId("service-accounts-web-ui")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .authorizationUri(ACME + "/auth")
            .tokenUri(ACME + "/token")
            .userInfoUri(userInfoUri)
            .userNameAttributeName("sub")
            .scope("openid", "email")
            .build();
    Instant now = Instant.now();
    OAuth2AccessToken accessToken =
        new OAuth2AccessToken(
            OAuth2AccessToken.TokenType.BEARER,
            "access",
            now,
            now.plusSeconds(60),
            Set.of("openid", "email"));
    OidcIdToken idToken =
        OidcIdToken.withTokenValue("id")
            .issuer(ACME)
            .subject("f3b2c1d0")
            .claim("email", email)
            .claim("groups", List.of("sa-admins"))
            .issuedAt(now)
            .expiresAt(now.plusSeconds(60))
            .build();
    return new OidcUserRequest(registration, accessToken, idToken);
  }
}
