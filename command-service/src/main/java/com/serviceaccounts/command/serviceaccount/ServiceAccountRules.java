package com.serviceaccounts.command.serviceaccount;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.text.EmailAddresses;
import com.serviceaccounts.events.text.UntrustedText;
import java.util.regex.Pattern;

/** The rules for an account's fields, one method per field; each names the field it rejects. */
final class ServiceAccountRules {

  static final int MAX_NAME_LENGTH = 100;
  private static final Pattern MARKETPLACE_APP_ID =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private ServiceAccountRules() {}

  /** Whether a code point shows by itself: a letter, digit, symbol or punctuation mark. */
  private static boolean shows(int codePoint) {
    return Character.isLetterOrDigit(codePoint)
        || switch (Character.getType(codePoint)) {
          case Character.LETTER_NUMBER,
              Character.OTHER_NUMBER,
              Character.MATH_SYMBOL,
              Character.CURRENCY_SYMBOL,
              Character.MODIFIER_SYMBOL,
              Character.OTHER_SYMBOL,
              Character.CONNECTOR_PUNCTUATION,
              Character.DASH_PUNCTUATION,
              Character.START_PUNCTUATION,
              Character.END_PUNCTUATION,
              Character.INITIAL_QUOTE_PUNCTUATION,
              Character.FINAL_QUOTE_PUNCTUATION,
              Character.OTHER_PUNCTUATION ->
              true;
          default -> false;
        };
  }

  /** The name with surrounding white space removed; required, at most 100 characters, printable. */
  static String name(String name) {
    if (name == null || stripSpaces(name).isEmpty()) {
      throw new InvalidServiceAccountException(
          "name", ProblemCode.NAME_REQUIRED, "name is required and must not be blank");
    }
    String stripped = stripSpaces(name);
    if (stripped.codePointCount(0, stripped.length()) > MAX_NAME_LENGTH) {
      throw new InvalidServiceAccountException(
          "name",
          ProblemCode.NAME_TOO_LONG,
          "name must be at most " + MAX_NAME_LENGTH + " characters");
    }
    if (stripped.codePoints().anyMatch(UntrustedText::isHidden)) {
      throw new InvalidServiceAccountException(
          "name",
          ProblemCode.NAME_HAS_CONTROL_CHARACTERS,
          "name must not contain control characters or characters that show as nothing (tabs,"
              + " line breaks, zero-width spaces, ...)");
    }
    // codePoints() joins every valid pair, so a surrogate left over is half of a broken character
    // (a JSON "\ud800" alone, say): it cannot be encoded as UTF-8, so it must not be stored.
    if (stripped.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
      throw new InvalidServiceAccountException(
          "name",
          ProblemCode.NAME_NOT_UNICODE,
          "name must be valid Unicode text: it contains half of a surrogate pair");
    }
    if (stripped.codePoints().noneMatch(ServiceAccountRules::shows)) {
      throw new InvalidServiceAccountException(
          "name",
          ProblemCode.NAME_REQUIRED,
          "name must hold a letter, digit, symbol or punctuation mark: marks alone show as"
              + " nothing");
    }
    return stripped;
  }

  static AppType appType(AppType appType) {
    if (appType == null) {
      throw new InvalidServiceAccountException(
          "appType", ProblemCode.APP_TYPE_REQUIRED, "appType is required: CUSTOM or MARKETPLACE");
    }
    return appType;
  }

  /** The marketplace app for {@code appType}: required for MARKETPLACE, absent for CUSTOM. */
  static String marketplaceAppId(
      AppType appType, String marketplaceAppId, MarketplaceCatalogue catalogue) {
    if (appType == AppType.CUSTOM) {
      if (marketplaceAppId != null) {
        throw new InvalidServiceAccountException(
            "marketplaceAppId",
            ProblemCode.MARKETPLACE_APP_ID_NOT_ALLOWED,
            "marketplaceAppId applies only to appType MARKETPLACE; leave it out for CUSTOM");
      }
      return null;
    }
    if (marketplaceAppId == null || marketplaceAppId.isBlank()) {
      throw new InvalidServiceAccountException(
          "marketplaceAppId",
          ProblemCode.MARKETPLACE_APP_ID_REQUIRED,
          "appType MARKETPLACE needs marketplaceAppId, the marketplace app the account is used with");
    }
    if (!MARKETPLACE_APP_ID.matcher(marketplaceAppId).matches()) {
      throw new InvalidServiceAccountException(
          "marketplaceAppId",
          ProblemCode.MARKETPLACE_APP_ID_MALFORMED,
          "marketplaceAppId must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (!catalogue.contains(marketplaceAppId)) {
      throw new InvalidServiceAccountException(
          "marketplaceAppId",
          ProblemCode.MARKETPLACE_APP_UNKNOWN,
          "unknown marketplace app '"
              + marketplaceAppId
              + "'; the marketplace apps are "
              + String.join(", ", catalogue.marketplaceApps()));
    }
    return marketplaceAppId;
  }

  static String contactEmail(String email) {
    if (email == null || email.isBlank()) {
      throw new InvalidServiceAccountException(
          "contactEmail",
          ProblemCode.CONTACT_EMAIL_REQUIRED,
          "contactEmail is required: the email of the account's contact in the company directory");
    }
    String stripped = email.strip();
    if (!EmailAddresses.isWellFormed(stripped)) {
      throw new InvalidServiceAccountException(
          "contactEmail",
          ProblemCode.CONTACT_EMAIL_MALFORMED,
          "contactEmail must be an email address such as integration@example.com");
    }
    return stripped;
  }

  /** Strips white space and Unicode space separators (a no-break space, say) from both ends. */
  private static String stripSpaces(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isSpace(value.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
