package com.serviceaccounts.ui.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The CSRF tokens: a signed-in person's in their session, Spring Security's default; a browser's
 * without a session (the sign-in form's) in an HTTP-only cookie, so that a flood of sign-in pages
 * makes no session. A sign-in ends the cookie's token and makes a new one in the session: a token
 * of the pages before no longer passes. Hand-written because Spring Security offers either place,
 * not one before a sign-in and the other after.
 */
public final class SessionOrCookieCsrfTokens implements CsrfTokenRepository {

  private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();
  private final CookieCsrfTokenRepository cookies = new CookieCsrfTokenRepository();

  public SessionOrCookieCsrfTokens() {
    cookies.setCookieName("SIGN-IN-CSRF");
    cookies.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
  }

  @Override
  public CsrfToken generateToken(HttpServletRequest request) {
    return sessions.generateToken(request);
  }

  @Override
  public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
    if (request.getSession(false) != null) {
      sessions.saveToken(token, request, response);
      if (token == null && cookies.loadToken(request) != null) {
        cookies.saveToken(null, request, response);
      }
    } else {
      cookies.saveToken(token, request, response);
    }
  }

  @Override
  public CsrfToken loadToken(HttpServletRequest request) {
    return request.getSession(false) != null
        ? sessions.loadToken(request)
        : cookies.loadToken(request);
  }
}
