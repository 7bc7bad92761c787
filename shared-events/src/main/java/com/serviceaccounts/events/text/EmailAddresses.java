package com.serviceaccounts.events.text;

import java.util.regex.Pattern;

/**
 * What an email address may be wherever a person gives one (an account's contact, the development
 * sign-in): RFC 5321's dot-atom before the {@code @} (no dot at either end, none twice in a row; 64
 * characters at most) and a host name of ASCII labels after it (each a letter or digit at both
 * ends, two labels at least, the last not all digits), 254 characters in all. No quoted local
 * parts, address literals ({@code a@[127.0.0.1]}, {@code a@127.0.0.1}) or comments: a directory's
 * addresses do not need them.
 */
public final class EmailAddresses {

  /** The longest address, RFC 5321's path limit less its angle brackets. */
  public static final int MAX_LENGTH = 254;

  private static final int MAX_LOCAL_PART = 64;
  private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern ADDRESS =
      Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")+");

  private EmailAddresses() {}

  /** Whether {@code address}, as given (not stripped), is an email address by the rule above. */
  public static boolean isWellFormed(String address) {
    return address != null
        && address.length() <= MAX_LENGTH
        && address.indexOf('@') <= MAX_LOCAL_PART
        && ADDRESS.matcher(address).matches()
        && hasALetter(address.substring(address.lastIndexOf('.') + 1));
  }

  /** A top-level domain is never all digits (RFC 3696): {@code a@1.2.3.4} is an address literal. */
  private static boolean hasALetter(String label) {
    return label.chars().anyMatch(Character::isLetter);
  }
}
