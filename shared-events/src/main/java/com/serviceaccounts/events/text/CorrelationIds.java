package com.serviceaccounts.events.text;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a correlation id may be, wherever one enters: a caller's {@code X-Correlation-Id} at the
 * HTTP edge (else the request gets a new one), an event's or a security entry's on Kafka. It is
 * logged, carried by every event a request causes and written in a cell of its own by every audit
 * export, so it is a plain token: letters, digits, {@code .}, {@code _}, {@code :} and {@code -},
 * at most 100, beginning with a letter or a digit (no cell begins as a formula).
 */
public final class CorrelationIds {

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

  private CorrelationIds() {}

  /** What is wrong with {@code id}, or {@code null}. */
  public static String defect(String id) {
    return SANE.matcher(id).matches()
        ? null
        : "must be 1 to 100 letters, digits, '.', '_', ':' or '-', beginning with a letter or digit";
  }

  /** The caller's id if it is one ({@link #defect}), else a new one. */
  public static String givenOrNew(String given) {
    return given != null && defect(given) == null ? given : UUID.randomUUID().toString();
  }
}
