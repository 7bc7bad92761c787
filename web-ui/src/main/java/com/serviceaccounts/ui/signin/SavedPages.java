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
