package com.serviceaccounts.events.text;

import static java.text.Normalizer.Form.NFKC;

import java.text.Normalizer;

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
