package com.serviceaccounts.ui.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring Security's masked CSRF tokens ({@link XorCsrfTokenRequestAttributeHandler}), but a token
 * that was tampered with until it no longer decodes is a wrong token, answered 403 like any other,
 * where the handler throws (a 500) from its UTF-8 decoding.
 */
public final class CsrfTokens implements CsrfTokenRequestHandler {

  private final XorCsrfTokenRequestAttributeHandler masked =
      new XorCsrfTokenRequestAttributeHandler();

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
    masked.handle(request, response, token);
  }

  @Override
  public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
    try {
      return masked.resolveCsrfTokenValue(request, token);
    } catch (IllegalArgumentException undecodable) {
      return null;
    }
  }
}
