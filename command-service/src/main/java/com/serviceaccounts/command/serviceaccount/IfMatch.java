package com.serviceaccounts.command.serviceaccount;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the account version a request's {@code If-Match} header names. The version is compared by
 * the account itself, in the transaction that appends its event, so that two writers cannot both
 * pass (Spring's {@code checkNotModified} compares before the handler runs, which would race).
 */
final class IfMatch {

  // Hand-written because Spring's ETag.parse is lenient (it reads "**" as "*" and "\"3\"x" as
  // "\"3\""): a malformed precondition must be refused, never guessed at.
  private static final Pattern VERSION_TAG = Pattern.compile("(?:W/)?\"([1-9][0-9]{0,17})\"");

  private IfMatch() {}

  /**
   * The version in {@code If-Match: "<version>"}, or {@code null} without the header or with {@code
   * *}. A weak tag names the same version: a proxy that compresses answers may weaken the ETag it
   * passes on, and RFC 9110's strong comparison would then refuse every request of its clients.
   *
   * @throws InvalidIfMatchException if the header is not one of this API's ETags, an empty one
   *     included: RFC 9110 allows only {@code *} or a list of entity tags, so an empty value is
   *     malformed, not a request without a condition
   */
  static Long version(String header) {
    if (header == null || header.strip().equals("*")) {
      return null;
    }
    Matcher matcher = VERSION_TAG.matcher(header.strip());
    if (!matcher.matches()) {
      throw new InvalidIfMatchException(header);
    }
    return Long.parseLong(matcher.group(1));
  }
}
