package com.serviceaccounts.events.text;

import static java.text.Normalizer.Form.NFKC;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an actor (who made a change: {@code user:alice@acme.example}, {@code service-account:sa_…})
 * may be, wherever one enters: a bearer token's {@code sub} at the HTTP edge, an event's actor on
 * Kafka. Every auditor reads it and every audit export writes it in a cell of its own, so it
 * follows the rule of every client's text ({@link UntrustedText#defect}), has nothing that hides
 * when shown ({@link UntrustedText#isHidden}: {@code user:\u200badmin} would pass for {@code
 * user:admin}), no space around it, and begins with a letter or a digit: not as a spreadsheet
 * formula does ({@code =}, {@code +}, {@code -}, {@code @}, in any width), nor with a mark that
 * shows on nothing.
 */
public final class Actors {

  /** The longest actor: {@code user:} and the longest e-mail address fit. */
  public static final int MAX_LENGTH = 320;

  /** The beginning of a person's actor: {@code user:} and the name a sign-in gave. */
  public static final String PERSON = "user:";

  /** What a spreadsheet reads as the start of a formula. */
  private static final String FORMULA_STARTS = "=+-@";

  private Actors() {}

  /** Any space: Java's whitespace, and the Unicode space separators (a no-break space, say). */
  private static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  /**
   * Characters that read as the Latin letters beside them: enough to spell {@code service-account}
   * and {@code system} with them (Cyrillic, Greek, the dotless i; the digits 0 and 1 and the letter
   * l, as Unicode's confusables list reads them). {@code rn} reads as {@code m} too.
   */
  private static final String LOOK_ALIKES =
      "аaсcеeіiјjоoрpѕsуyхxԁdһhӏiԛqԝwѵvкkαaοoνvιiϲcıiꜱs0o1ili";

  /** Characters that read as a colon, after the width is folded. */
  private static final String COLONS = ":∶։꞉׃˸᛬︓﹕";

  /**
   * Whether {@code text} reads as a service account's or the system's actor ({@code
   * service-account:…}, {@code system:…}, {@code system}) as a reader reads it: the letters before
   * its first colon (or the whole text) spell {@code serviceaccount} or {@code system} once width,
   * case, accents and look-alikes are folded, and whatever separates them (a dash of any kind, an
   * underscore, a space) is left out ({@code SERVICE\u2010ACCOUNT:}, {@code ѕervice_account :},
   * {@code system∶purge} too). Only the token service names service accounts, and only the services
   * name the system.
   */
  public static boolean readsAsReserved(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < folded.length(); ) {
      int c = folded.codePointAt(i);
      i += Character.charCount(c);
      if (COLONS.indexOf(c) >= 0) {
        break;
      }
      int alike = c < 0x10000 ? LOOK_ALIKES.indexOf(c) : -1;
      if (alike >= 0 && alike % 2 == 0) {
        letters.append(LOOK_ALIKES.charAt(alike + 1));
      } else if (c >= 'a' && c <= 'z') {
        letters.appendCodePoint(c);
      } else if (Character.isLetterOrDigit(c)) {
        letters.append('?');
      }
    }
    String spelled = letters.toString().replace("rn", "m");
    return spelled.equals("serviceaccount") || spelled.equals("system");
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
    return defect(PERSON + value);
  }

  /** An actor's kind: a lower-case word ({@code user}, {@code service_account}, {@code system}). */
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z_]{0,39}");

  /** What is wrong with an actor's kind ({@code actorType}), or {@code null}. */
  public static String typeDefect(String type) {
    return TYPE.matcher(type).matches()
        ? null
        : "must be a lower-case word such as user, service_account or system";
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
    if (!Character.isLetterOrDigit(actor.codePointAt(0))) {
      return "must begin with a letter or a digit";
    }
    return mixedScripts(actor.substring(actor.indexOf(':') + 1));
  }

  /** The scripts whose letters pass for each other's: {@code аdmin} with a Cyrillic а. */
  private static final Set<Character.UnicodeScript> LOOK_ALIKE_SCRIPTS =
      EnumSet.of(
          Character.UnicodeScript.LATIN,
          Character.UnicodeScript.CYRILLIC,
          Character.UnicodeScript.GREEK);

  /**
   * Why a name mixes letters of scripts that pass for each other's, or {@code null}: what Unicode's
   * moderately restrictive identifiers refuse (UTS #39), so that {@code user:\u0430dmin@localhost}
   * cannot pass for {@code user:admin@localhost}. Hand-written: the JDK knows each letter's script
   * but has no such check, and ICU's would be a large library for one rule.
   */
  private static String mixedScripts(String name) {
    Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
    name.codePoints()
        .filter(Character::isLetter)
        .mapToObj(Character.UnicodeScript::of)
        .filter(LOOK_ALIKE_SCRIPTS::contains)
        .forEach(scripts::add);
    return scripts.size() > 1
        ? "must not mix letters of " + scripts + " scripts, which pass for each other's"
        : null;
  }
}
