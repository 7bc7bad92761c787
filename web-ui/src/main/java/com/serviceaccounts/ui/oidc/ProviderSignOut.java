package com.serviceaccounts.ui.oidc;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * Signs a person out at their provider too (OpenID Connect RP-initiated logout), which then sends
 * them to the sign-in page: at the address the registration's redirect URI names when it names one
 * ({@code redirect-uri: https://sa.acme.example/login/oauth2/code/acme}), so that no {@code Host}
 * header a client sends is written into the {@code post_logout_redirect_uri}; else, as Spring's
 * {@code {baseUrl}} does, at the address the request came to, where only the provider's exact match
 * of its registered URIs keeps a forged {@code Host} out (as for the sign-in's redirect URI).
 */
final class ProviderSignOut implements LogoutSuccessHandler {

  private static final String REQUEST_ADDRESS = "{baseUrl}";

  private final ClientRegistrationRepository clients;
  private final String signedOut;
  private final Map<String, LogoutSuccessHandler> byRegistration = new ConcurrentHashMap<>();

  /**
   * @param signedOut the sign-in page's path after a sign-out
   */
  ProviderSignOut(ClientRegistrationRepository clients, String signedOut) {
    this.clients = clients;
    this.signedOut = signedOut;
  }

  @Override
  public void onLogoutSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, ServletException {
    String registration =
        ((OAuth2AuthenticationToken) authentication).getAuthorizedClientRegistrationId();
    byRegistration
        .computeIfAbsent(registration, this::handler)
        .onLogoutSuccess(request, response, authentication);
  }

  private LogoutSuccessHandler handler(String registration) {
    OidcClientInitiatedLogoutSuccessHandler handler =
        new OidcClientInitiatedLogoutSuccessHandler(clients);
    handler.setPostLogoutRedirectUri(
        address(clients.findByRegistrationId(registration)) + signedOut);
    return handler;
  }

  /**
   * The scheme and authority of the registration's redirect URI; {@code {baseUrl}}, the request's,
   * when it leaves them to the request (Spring's default, {@code {baseUrl}/login/oauth2/code/…}).
   */
  static String address(ClientRegistration registration) {
    String redirect = registration == null ? null : registration.getRedirectUri();
    int scheme = redirect == null ? -1 : redirect.indexOf("://");
    if (scheme < 0) {
      return REQUEST_ADDRESS;
    }
    int path = redirect.indexOf('/', scheme + 3);
    String address = path < 0 ? redirect : redirect.substring(0, path);
    return address.contains("{") ? REQUEST_ADDRESS : address;
  }
}
