package com.serviceaccounts.command;

import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.testsupport.TestTokens;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Alice, ADMIN on the Admin and Directory tools of whichever company a request path names. */
final class AdminTokens {

  private static final Pattern COMPANY = Pattern.compile("/companies/([0-9a-fA-F-]{36})");

  private AdminTokens() {}

  static String forPath(String path) {
    Matcher matcher = COMPANY.matcher(path);
    if (!matcher.find()) {
      throw new IllegalArgumentException("no company in " + path);
    }
    return TestTokens.bearer(
        "user:alice@acme.example",
        UUID.fromString(matcher.group(1)),
        Map.of(
            CompanyTools.ADMIN,
            PermissionLevel.ADMIN,
            CompanyTools.DIRECTORY,
            PermissionLevel.ADMIN));
  }
}
