package com.serviceaccounts.ui.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the provider is asked to send a person it signed out: never to a host a client named in its
 * {@code Host} header when the registration's redirect URI names the UI's address.
 */
class ProviderSignOutTest {

  @Test
  void aRegistrationThatNamesTheUisAddressPinsThePostLogoutRedirect() throws Exception {
    assertThat(signOutFrom("https://sa.acme.example/login/oauth2/code/{registrationId}"))
        .isEqualTo("https://sa.acme.example/sign-in?signedOut");
    assertThat(signOutFrom("https://sa.acme.example:8443/login/oauth2/code/acme"))
        .isEqualTo("https://sa.acme.example:8443/sign-in?signedOut");
  }

  @Test
  void aRegistrationThatLeavesTheAddressToTheRequestTakesTheRequests() throws Exception {
    assertThat(signOutFrom("{baseUrl}/login/oauth2/code/{registrationId}"))
        .isEqualTo("http://evil.example/sign-in?signedOut");
  }

  /** The post-logout redirect URI sent to the provider for a sign-out with a forged Host. */
  private static String signOutFrom(String redirectUri) throws Exception {
    ClientRegistration registration =
        ClientRegistration.withRegistrationId("acme")
            .clientId("service-accounts-web-ui")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri(redirectUri)
            .scope("openid")
            .authorizationUri("https://login.acme.example/auth")
            .tokenUri("https://login.acme.example/token")
            .providerConfigurationMetadata(
                Map.of("end_session_endpoint", "https://login.acme.example/logout"))
            .build();
    ProviderSignOut signOut =
        new ProviderSignOut(
            new InMemoryClientRegistrationRepository(registration), "/sign-in?signedOut");
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/sign-out");
    request.setServerName("evil.example");
    request.setServerPort(80);
    MockHttpServletResponse response = new MockHttpServletResponse();
    OidcIdToken idToken =
        new OidcIdToken(
            "id-token", Instant.now(), Instant.now().plusSeconds(60), Map.of("sub", "alice"));

    signOut.onLogoutSuccess(
        request,
        response,
        new OAuth2AuthenticationToken(new DefaultOidcUser(List.of(), idToken), List.of(), "acme"));

    assertThat(response.getRedirectedUrl()).startsWith("https://login.acme.example/logout?");
    return UriComponentsBuilder.fromUriString(response.getRedirectedUrl())
        .build(true)
        .getQueryParams()
        .getFirst("post_logout_redirect_uri")
        .transform(encoded -> URLDecoder.decode(encoded, StandardCharsets.UTF_8));
  }
}
