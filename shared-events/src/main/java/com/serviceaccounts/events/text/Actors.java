package com.serviceaccounts.events.text;

import static java.text.Normalizer.Form.NFKC;

import java.text.Normalizer;
import java.util.Locale;

/**
 * What an actor (who made a change: {@code user:alice@acme.example}, {@code service-account:sa_…})
 * may be, wherever one enters: a bearer token's {@code sub} at the HTTP edge, an event's actor on
 * Kafka. Every auditor reads it and every audit export writes it in a cell of its own, so it
 * follows the rule of every client's text ({@link UntrustedText#defect}), has nothing that hides
 * when shown ({@link UntrustedText#isHidden}: {@code user:\u200badmin} would pass for {@code
 * user:admin}), no space around it, and does not begin as a spreadsheet formula does ({@code =},
 * {@code +}, {@code -}, {@code @}, in any width).
 */
public final class Actors {

  /** The longest actor: {@code user:} and the longest e-mail address fit. */
  public static final int MAX_LENGTH = 320;

  /** What a spreadsheet reads as the start of a formula. */
  private static final String FORMULA_STARTS = "=+-@";

  private Actors() {}

  /** Any space: Java's whitespace, and the Unicode space separators (a no-break space, say). */
  private static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  /**
   * Whether {@code text} reads as a service account's or the system's actor ({@code
   * service-account:…}, {@code system:…}, {@code system}) once width, case and dashes are folded as
   * a reader folds them ({@code SERVICE\u2010ACCOUNT:} too): only the token service names service
   * accounts, and only the services name the system.
   */
  public static boolean readsAsReserved(String text) {
    StringBuilder folded = new StringBuilder(text.length());
    Normalizer.normalize(text, NFKC)
        .toLowerCase(Locale.ROOT)
        .codePoints()
        .map(c -> Character.getType(c) == Character.DASH_PUNCTUATION || c == '\u2212' ? '-' : c)
        .forEach(folded::appendCodePoint);
    String reads = folded.toString();
    return reads.startsWith("service-account:")
        || reads.startsWith("system:")
        || reads.equals("system");
  }

  /**
   * What is wrong with the value of an identity provider's actor claim ({@code alice@acme.example},
   * recorded as {@code user:alice@acme.example}), or {@code null}: the rule of every actor for the
   * recorded actor, no space at either end of the value itself, and nothing that reads as a service
   * account or the system.
   */
  public static String claimDefect(String value) {
    if (value.isEmpty()
        || isSpace(value.codePointAt(0))
        || isSpace(value.codePointBefore(value.length()))) {
      return "must not be blank or begin or end with spaces";
    }
    if (readsAsReserved(value)) {
      return "is reserved: it reads as a service account or the system";
    }
    return defect("user:" + value);
  }

  /** What is wrong with {@code actor}, or {@code null}. */
  public static String defect(String actor) {
    String defect = UntrustedText.defect(actor, MAX_LENGTH);
    if (defect != null) {
      return defect;
    }
    if (actor.isBlank()
        || isSpace(actor.codePointAt(0))
        || isSpace(actor.codePointBefore(actor.length()))) {
      return "must not be blank or begin or end with spaces";
    }
    int hidden = actor.codePoints().filter(UntrustedText::isHidden).findFirst().orElse(-1);
    if (hidden >= 0) {
      return "must not contain invisible characters (found U+%04X)".formatted(hidden);
    }
    String first = Normalizer.normalize(actor.substring(0, actor.offsetByCodePoints(0, 1)), NFKC);
    if (FORMULA_STARTS.indexOf(first.charAt(0)) >= 0) {
      return "must not begin with =, +, - or @, as a spreadsheet formula does";
    }
    return null;
  }
}
