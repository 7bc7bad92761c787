package com.serviceaccounts.ui.oidc;

import com.serviceaccounts.ui.signin.SealedCookies;
import com.serviceaccounts.ui.signin.SessionLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sign-ins sent to a provider and not back yet, each in the browser that started it ({@link
 * SealedCookies}): a request for the provider's sign-in costs the UI no session, so a flood of them
 * cannot fill its sessions and keep people from signing in. Like Spring Security's session-held
 * repository, it keeps a browser's latest one and gives it back only to the answer that carries its
 * {@code state}; it is good for {@link SessionLimits#BEFORE_SIGN_IN} (sealed with it), and the
 * browser forgets it when the answer is taken. A copy of the cookie taken from the browser could be
 * sent again within that time: the provider's code in the answer is good once (and the PKCE
 * verifier in the cookie binds it to this sign-in), so a second sign-in needs a code the provider
 * gives that browser.
 */
final class PendingSignIns implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

  static final String COOKIE = "SIGN-IN-REQUEST";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SealedCookies cookies;

  PendingSignIns(SealedCookies cookies) {
    this.cookies = cookies;
  }

  /** What the cookie holds of an authorization request: all of it, its values all text. */
  record Pending(
      String authorizationUri,
      String clientId,
      String redirectUri,
      Set<String> scopes,
      String state,
      Map<String, String> additionalParameters,
      Map<String, String> attributes,
      String authorizationRequestUri) {

    static Pending of(OAuth2AuthorizationRequest request) {
      return new Pending(
          request.getAuthorizationUri(),
          request.getClientId(),
          request.getRedirectUri(),
          request.getScopes(),
          request.getState(),
          texts(request.getAdditionalParameters()),
          texts(request.getAttributes()),
          request.getAuthorizationRequestUri());
    }

    OAuth2AuthorizationRequest request() {
      return OAuth2AuthorizationRequest.authorizationCode()
          .authorizationUri(authorizationUri)
          .clientId(clientId)
          .redirectUri(redirectUri)
          .scopes(scopes)
          .state(state)
          .additionalParameters(Map.copyOf(additionalParameters))
          .attributes(Map.copyOf(attributes))
          .authorizationRequestUri(authorizationRequestUri)
          .build();
    }

    private static Map<String, String> texts(Map<String, Object> values) {
      Map<String, String> texts = new LinkedHashMap<>();
      values.forEach((name, value) -> texts.put(name, String.valueOf(value)));
      return texts;
    }
  }

  @Override
  public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
    String state = request.getParameter(OAuth2ParameterNames.STATE);
    if (state == null) {
      return null;
    }
    return cookies.getAll(request, COOKIE).stream()
        .map(PendingSignIns::read)
        .filter(pending -> pending != null && state.equals(pending.state()))
        .map(Pending::request)
        .findFirst()
        .orElse(null);
  }

  @Override
  public void saveAuthorizationRequest(
      OAuth2AuthorizationRequest authorizationRequest,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (authorizationRequest == null) {
      cookies.remove(request, response, COOKIE);
      return;
    }
    cookies.put(
        request,
        response,
        COOKIE,
        JSON.writeValueAsString(Pending.of(authorizationRequest)),
        SessionLimits.BEFORE_SIGN_IN);
  }

  @Override
  public OAuth2AuthorizationRequest removeAuthorizationRequest(
      HttpServletRequest request, HttpServletResponse response) {
    OAuth2AuthorizationRequest pending = loadAuthorizationRequest(request);
    if (pending != null) {
      cookies.remove(request, response, COOKIE);
    }
    return pending;
  }

  private static Pending read(String json) {
    try {
      return JSON.readValue(json, Pending.class);
    } catch (JacksonException sealedByAnotherVersion) {
      return null;
    }
  }
}
