package com.serviceaccounts.ui.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The page asked before a sign-in, remembered in a cookie (Spring Security's {@link
 * CookieRequestCache}), so that asking costs no session; but a cookie whose address does not parse,
 * or holds what no browser sends (a character outside printable ASCII), is no saved page, and is
 * ended. Anyone can send such a cookie, and a browser can be given one by another site of the same
 * host: Spring's cache threw on reading it, a 500 with a stack trace on every page, sign-in
 * included, for as long as the cookie lived; a non-ASCII address became an empty redirect.
 */
public final class SavedPages extends CookieRequestCache {

  /**
   * The longest address remembered: the cookie holds it in base64, a third longer, and a longer one
   * overflowed the answer's headers (a 500 for every long address asked before a sign-in).
   */
  static final int MAX_ADDRESS_LENGTH = 2000;

  @Override
  public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
    String query = request.getQueryString();
    int length = request.getRequestURI().length() + (query == null ? 0 : query.length() + 1);
    if (length <= MAX_ADDRESS_LENGTH) {
      super.saveRequest(request, response);
    }
  }

  @Override
  public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
    SavedRequest saved;
    try {
      saved = super.getRequest(request, response);
    } catch (RuntimeException unreadable) {
      saved = null;
      removeRequest(request, response);
    }
    if (saved != null && !printableAscii(saved.getRedirectUrl())) {
      removeRequest(request, response);
      return null;
    }
    return saved;
  }

  private static boolean printableAscii(String address) {
    return address.chars().allMatch(c -> c > 0x20 && c < 0x7F);
  }
}
