package com.serviceaccounts.ui.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Spring Security's masked CSRF tokens ({@link XorCsrfTokenRequestAttributeHandler}), but a token
 * that was tampered with until it no longer decodes is a wrong token, answered 403 like any other,
 * where the handler throws (a 500) from its UTF-8 decoding, and a token is taken from the form or
 * the header only, never from the address.
 */
public final class CsrfTokens implements CsrfTokenRequestHandler {

  private final XorCsrfTokenRequestAttributeHandler masked =
      new XorCsrfTokenRequestAttributeHandler();

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
    masked.handle(request, response, token);
  }

  /**
   * The form's token, never one from the address: an address with a token in it is kept in
   * histories, logs and {@code Referer} headers, and a link with one would post with it.
   */
  @Override
  public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
    if (inAddress(request.getQueryString(), token.getParameterName())) {
      return null;
    }
    try {
      return masked.resolveCsrfTokenValue(request, token);
    } catch (IllegalArgumentException undecodable) {
      return null;
    }
  }

  private static boolean inAddress(String query, String name) {
    return query != null
        && UriComponentsBuilder.newInstance()
            .query(query)
            .build()
            .getQueryParams()
            .keySet()
            .stream()
            .anyMatch(given -> name.equals(decoded(given)));
  }

  /** A parameter's name as the address writes it, decoded; null if it does not decode. */
  private static String decoded(String name) {
    try {
      return UriUtils.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException undecodable) {
      return null; // not the token's name: refused, if at all, by the parameters' own check
    }
  }
}
