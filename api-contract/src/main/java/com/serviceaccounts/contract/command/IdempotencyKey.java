package com.serviceaccounts.contract.command;

import java.util.regex.Pattern;

/**
 * A create's {@code Idempotency-Key}: 1 to 200 visible ASCII characters, such as a UUID. The web
 * UI's New form holds one; anything else would not survive as an HTTP header.
 */
public final class IdempotencyKey {

  /** What a key must be, to follow its name in a refusal. */
  public static final String RULE = "must be 1 to 200 visible ASCII characters, e.g. a UUID";

  private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,200}");

  private IdempotencyKey() {}

  public static boolean isValid(String key) {
    return key != null && VALID.matcher(key).matches();
  }
}
