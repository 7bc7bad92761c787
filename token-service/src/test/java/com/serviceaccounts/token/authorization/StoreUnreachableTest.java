package com.serviceaccounts.token.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.token.credentials.ClientCredentialsRepository;
import com.serviceaccounts.token.credentials.RecentCredentials;
import com.serviceaccounts.token.credentials.StoredClientCredentials;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * A store of credentials that cannot be reached (its database connection ended) is a 503 {@code
 * temporarily_unavailable} to try again in a second: not a 500, and never {@code invalid_client},
 * which would tell a client with the right secret that it is wrong.
 */
class StoreUnreachableTest {

  /** Decodes any token as one of {@code client-1}'s, with the id {@code token-id}. */
  private static final JwtDecoder ANY_TOKEN_OF_CLIENT_1 =
      token ->
          Jwt.withTokenValue(token)
              .header("alg", "ES256")
              .claim("client_id", "client-1")
              .jti("token-id")
              .issuedAt(Instant.now())
              .expiresAt(Instant.now().plusSeconds(60))
              .build();

  private static DataAccessResourceFailureException unreachable() {
    return new DataAccessResourceFailureException(
        "PreparedStatementCallback", new SQLException("FATAL: terminating connection", "57P01"));
  }

  @Test
  void aClientAuthenticatedWhileTheStoreCannotBeReachedIsToldToTryAgain() throws Exception {
    RecentCredentials credentials = mock(RecentCredentials.class);
    when(credentials.find("client-1"))
        .thenThrow(
            new DataAccessResourceFailureException(
                "PreparedStatementCallback",
                new SQLException("FATAL: terminating connection", "57P01")));
    ServiceAccountAuthenticationProvider provider =
        new ServiceAccountAuthenticationProvider(credentials, null, null, null, Clock.systemUTC());
    OAuth2ClientAuthenticationToken request =
        new OAuth2ClientAuthenticationToken(
            "client-1", ClientAuthenticationMethod.CLIENT_SECRET_BASIC, "secret", null);

    assertThatThrownBy(() -> provider.authenticate(request))
        .isInstanceOfSatisfying(
            TemporarilyUnavailable.class,
            unavailable -> {
              MockHttpServletResponse response = new MockHttpServletResponse();
              try {
                new ClientAuthenticationFailureHandler(null, null, Clock.systemUTC())
                    .onAuthenticationFailure(
                        new MockHttpServletRequest("POST", "/oauth2/token"), response, unavailable);
                assertThat(response.getStatus()).isEqualTo(503);
                assertThat(response.getHeader("Retry-After")).isEqualTo("1");
                assertThat(response.getContentAsString()).contains("temporarily_unavailable");
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void introspectionOrRevocationWhileTheStoreCannotBeReachedIsToldToTryAgain() {
    ClientCredentialsRepository store = mock(ClientCredentialsRepository.class);
    when(store.findByClientId("client-1")).thenThrow(unreachable());
    SelfContainedAuthorizations authorizations =
        new SelfContainedAuthorizations(ANY_TOKEN_OF_CLIENT_1, store, null, null);

    assertThatThrownBy(() -> authorizations.findByToken("token", OAuth2TokenType.ACCESS_TOKEN))
        .isInstanceOf(TemporarilyUnavailable.class);
  }

  @Test
  void theRevokedTokensThatCannotBeReadAreNotTakenForNone() {
    ClientCredentialsRepository store = mock(ClientCredentialsRepository.class);
    when(store.findByClientId("client-1"))
        .thenReturn(
            Optional.of(
                new StoredClientCredentials(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "client-1",
                    AccountStatus.ACTIVE,
                    Map.of(),
                    List.of(),
                    1,
                    null)));
    RevokedTokens revoked = mock(RevokedTokens.class);
    when(revoked.isRevoked("token-id")).thenThrow(unreachable());
    SelfContainedAuthorizations authorizations =
        new SelfContainedAuthorizations(ANY_TOKEN_OF_CLIENT_1, store, null, revoked);

    assertThatThrownBy(() -> authorizations.findByToken("token", OAuth2TokenType.ACCESS_TOKEN))
        .isInstanceOf(TemporarilyUnavailable.class);
  }

  @Test
  void anotherFailureOfTheStoreIsNotTakenForIt() {
    RecentCredentials credentials = mock(RecentCredentials.class);
    IllegalStateException bug = new IllegalStateException("a bug");
    when(credentials.find("client-1")).thenThrow(bug);
    ServiceAccountAuthenticationProvider provider =
        new ServiceAccountAuthenticationProvider(credentials, null, null, null, Clock.systemUTC());

    assertThatThrownBy(
            () ->
                provider.authenticate(
                    new OAuth2ClientAuthenticationToken(
                        "client-1", ClientAuthenticationMethod.CLIENT_SECRET_BASIC, "s", null)))
        .isSameAs(bug);
  }
}
