package com.serviceaccounts.ui.oidc;

import com.serviceaccounts.security.tokens.IdentityProvider;
import com.serviceaccounts.ui.signin.SealedCookies;
import com.serviceaccounts.ui.signin.SignedInUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sign-in with a company's OpenID Connect provider (authorization code with PKCE), for every client
 * registration of Spring Boot's {@code spring.security.oauth2.client.registration.*}; without one,
 * nothing changes and the UI has only its development sign-in. The person's levels come from the
 * APIs' own claim mapping ({@link IdentityProvider}); the pages call the APIs with the person's
 * access token (refreshed with the provider's refresh token when it expires), so the APIs' checks
 * decide and their audit trail names the person. Signing out also ends the provider's session
 * (RP-initiated logout). Until the provider sends the person back, the sign-in is kept in their
 * browser ({@link PendingSignIns}), and a refused one's reason too ({@link SignInRefusals}): no
 * session is made for anyone who has not signed in.
 */
@Component
public class OidcSignIn {

  private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

  /** Where a refused sign-in lands. */
  public static final String NO_ACCESS = "/no-access";

  private final List<ClientRegistration> registrations;
  private final ClientRegistrationRepository clients;
  private final OAuth2AuthorizedClientManager authorizedClients;
  private final List<IdentityProvider> providers;
  private final SealedCookies cookies;
  private final SignInRefusals refusals;

  OidcSignIn(
      ObjectProvider<ClientRegistrationRepository> clients,
      OAuth2AuthorizedClientRepository authorizedClientRepository,
      Environment environment,
      SealedCookies cookies,
      SignInRefusals refusals) {
    this.clients = clients.getIfAvailable();
    this.cookies = cookies;
    this.refusals = refusals;
    this.registrations = new ArrayList<>();
    if (this.clients instanceof Iterable<?> all) {
      StreamSupport.stream(all.spliterator(), false)
          .map(ClientRegistration.class::cast)
          .forEach(registrations::add);
    }
    this.providers = List.copyOf(IdentityProvider.from(environment).values());
    warnOfUnmapped();
    if (this.clients == null) {
      this.authorizedClients = null;
    } else {
      DefaultOAuth2AuthorizedClientManager manager =
          new DefaultOAuth2AuthorizedClientManager(this.clients, authorizedClientRepository);
      manager.setAuthorizedClientProvider(
          OAuth2AuthorizedClientProviderBuilder.builder()
              .authorizationCode()
              .refreshToken()
              .build());
      this.authorizedClients = manager;
    }
  }

  /**
   * Says at start which registrations nobody can sign in with, for want of a claim mapping of their
   * issuer: a mapping given in a form Spring Boot does not read is otherwise silent.
   */
  private void warnOfUnmapped() {
    for (ClientRegistration registration : registrations) {
      String issuer = registration.getProviderDetails().getIssuerUri();
      if (providers.stream().noneMatch(provider -> provider.issuerUri().equals(issuer))) {
        log.warn(
            "Nobody can sign in with {} ({}): no claim mapping names its issuer in"
                + " service-accounts.security.issuers.identity-providers",
            registration.getRegistrationId(),
            issuer);
      }
    }
  }

  /** The providers a person can sign in with, registration id → name shown on the sign-in page. */
  public Map<String, String> providers() {
    Map<String, String> names = new LinkedHashMap<>();
    registrations.forEach(
        registration -> names.put(registration.getRegistrationId(), registration.getClientName()));
    return names;
  }

  /**
   * The CSP {@code form-action} sources: this origin, and each provider's logout endpoint, where
   * the sign-out form's answer redirects (browsers apply {@code form-action} to the redirects that
   * follow a form, too).
   */
  public String formActionSources() {
    Set<String> sources = new LinkedHashSet<>();
    sources.add("'self'");
    for (ClientRegistration registration : registrations) {
      Object logout =
          registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
      if (logout != null) {
        URI endpoint = URI.create(logout.toString());
        sources.add(
            endpoint.getScheme()
                + "://"
                + endpoint.getHost()
                + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort()));
      }
    }
    return String.join(" ", sources);
  }

  public boolean enabled() {
    return clients != null;
  }

  /**
   * Adds the OpenID Connect sign-in to the pages' security, when a provider is registered. {@code
   * signIn} is the sign-in page; a person lands there after signing out (of this UI and of the
   * provider).
   */
  public void configure(HttpSecurity http, String signIn) throws Exception {
    String signedOut = signIn + "?signedOut";
    if (!enabled()) {
      http.logout(logout -> logout.logoutSuccessUrl(signedOut));
      return;
    }
    DefaultOAuth2AuthorizationRequestResolver authorizationRequests =
        new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
    authorizationRequests.setAuthorizationRequestCustomizer(
        OAuth2AuthorizationRequestCustomizers.withPkce());
    http.oauth2Login(
            login ->
                login
                    .loginPage(signIn)
                    .authorizationEndpoint(
                        endpoint ->
                            endpoint
                                .authorizationRequestResolver(authorizationRequests)
                                .authorizationRequestRepository(new PendingSignIns(cookies)))
                    .userInfoEndpoint(
                        userInfo -> userInfo.oidcUserService(new CompanyOidcUserService(providers)))
                    .failureHandler(refusals)
                    .withObjectPostProcessor(
                        new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                          @Override
                          public <F extends OAuth2AuthorizationRequestRedirectFilter> F postProcess(
                              F filter) {
                            filter.setAuthenticationFailureHandler(OidcSignIn::noSignInStarted);
                            return filter;
                          }
                        }))
        .logout(logout -> logout.logoutSuccessHandler(signedOut(signedOut)))
        .addFilterAfter(new AsSignedInUser(signIn), AuthorizationFilter.class);
  }

  /**
   * A sign-in that could not start names no registered provider: not found, on the UI's own error
   * page (the filter's default answers a 500).
   */
  private static void noSignInStarted(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
      throws IOException {
    response.sendError(HttpServletResponse.SC_NOT_FOUND);
  }

  private LogoutSuccessHandler signedOut(String signedOut) {
    ProviderSignOut provider = new ProviderSignOut(clients, signedOut);
    SimpleUrlLogoutSuccessHandler local = new SimpleUrlLogoutSuccessHandler();
    local.setDefaultTargetUrl(signedOut);
    return (request, response, authentication) -> {
      if (authentication instanceof OAuth2AuthenticationToken) {
        provider.onLogoutSuccess(request, response, authentication);
      } else {
        local.onLogoutSuccess(request, response, authentication);
      }
    };
  }

  /**
   * Presents the signed-in person to the pages as the {@link SignedInUser} they know, with an
   * access token that is valid now (refreshed if it expired). When it can no longer be refreshed,
   * the session ends and the person signs in again. Only for this request: the session keeps the
   * provider's sign-in.
   */
  private final class AsSignedInUser extends OncePerRequestFilter {

    private final String signIn;

    AsSignedInUser(String signIn) {
      this.signIn = signIn;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      if (!(authentication instanceof OAuth2AuthenticationToken token)
          || !(token.getPrincipal() instanceof SignedInPerson person)) {
        chain.doFilter(request, response);
        return;
      }
      OAuth2AuthorizedClient client;
      try {
        client =
            authorizedClients.authorize(
                OAuth2AuthorizeRequest.withClientRegistrationId(
                        token.getAuthorizedClientRegistrationId())
                    .principal(token)
                    .attribute(HttpServletRequest.class.getName(), request)
                    .attribute(HttpServletResponse.class.getName(), response)
                    .build());
      } catch (ClientAuthorizationException expired) {
        client = null;
      }
      if (client == null) {
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        SecurityContextHolder.clearContext();
        response.sendRedirect(request.getContextPath() + signIn + "?expired");
        return;
      }
      SignedInUser user =
          new SignedInUser(
              person.actor(),
              client.getAccessToken().getTokenValue(),
              client.getAccessToken().getExpiresAt(),
              person.companies());
      SecurityContext context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(
          UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
      SecurityContextHolder.setContext(context);
      chain.doFilter(request, response);
    }
  }
}
