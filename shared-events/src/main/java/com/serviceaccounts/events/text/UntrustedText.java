package com.serviceaccounts.events.text;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Text a client chose, made safe to echo in a problem or a page, store in a security entry or write
 * to a log: control characters and unpaired surrogates (which PostgreSQL's {@code text}, JSON
 * consumers and terminals refuse or misread), every other character that would hide in the text
 * shown ({@link #isHidden}: a bidirectional override would turn what follows it around), spaces
 * other than U+0020 and unassigned code points, are written as a backslash, {@code u} and four hex
 * digits, and the result is cut short. No library escapes exactly this set while also bounding the
 * length.
 */
public final class UntrustedText {

  /** The most characters of a client's value a problem or a security entry repeats. */
  public static final int MAX_ECHOED_LENGTH = 200;

  private static final String CUT = "…";

  /**
   * An escape the cut would split, at the end of the text kept: a text escaped before (a message
   * that repeats an escaped value) is escaped again only where it must be, so its escapes are its
   * own characters.
   */
  private static final Pattern PARTIAL_ESCAPE = Pattern.compile("\\\\(u[0-9A-Fa-f]{0,3})?$");

  private UntrustedText() {}

  /** {@code value} escaped and cut to at most {@link #MAX_ECHOED_LENGTH} characters. */
  public static String echo(Object value) {
    return escape(value, MAX_ECHOED_LENGTH);
  }

  /**
   * {@code value} escaped and cut to at most {@code max} characters (an ellipsis marks a cut); the
   * values of an array (a parameter given more than once) are listed, separated by commas.
   */
  public static String escape(Object value, int max) {
    String text =
        value instanceof Object[] values
            ? Arrays.stream(values).map(String::valueOf).collect(Collectors.joining(","))
            : String.valueOf(value);
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
    int i = 0;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      int units = Character.charCount(codePoint);
      String next =
          // An unpaired surrogate is its own code point here.
          (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)
                  || isHidden(codePoint)
                  || passesForASpaceOrNothing(codePoint)
              ? escaped(text.substring(i, i + units))
              : text.substring(i, i + units);
      boolean last = i + units >= text.length();
      if (out.length() + next.length() > max - (last ? 0 : CUT.length())) {
        return PARTIAL_ESCAPE.matcher(out).replaceFirst("") + CUT;
      }
      out.append(next);
      i += units;
    }
    return out.toString();
  }

  /**
   * A space other than U+0020 (U+00A0, U+3000, ...) or a code point Unicode has not assigned: text
   * may hold them, but an echo shows which it holds ({@code user:admin\u00A0} is not {@code
   * user:admin }).
   */
  public static boolean passesForASpaceOrNothing(int codePoint) {
    int type = Character.getType(codePoint);
    return (type == Character.SPACE_SEPARATOR && codePoint != ' ') || type == Character.UNASSIGNED;
  }

  /** Each UTF-16 unit as a backslash, {@code u} and four hex digits, as JSON writes them. */
  private static String escaped(String units) {
    StringBuilder out = new StringBuilder();
    units.chars().forEach(unit -> out.append(String.format("\\u%04X", unit)));
    return out.toString();
  }

  /**
   * Letters and marks that show as nothing though Unicode does not class them as format characters:
   * the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the blank braille pattern (U+2800), the
   * combining grapheme joiner (U+034F), the Khmer inherent vowels (U+17B4, U+17B5), the musical
   * null notehead (U+1D159), the Khitan filler (U+16FE4) and the Tifinagh joiner (U+2D7F). {@code
   * user:admin\u3164} would pass for {@code user:admin}.
   */
  private static final Set<Integer> BLANK_LOOKING =
      Set.of(
          0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F, 0x17B4, 0x17B5, 0x1D159, 0x16FE4, 0x2D7F);

  /**
   * Whether a code point would hide in a shown text or break its lines: a control or format
   * character (zero-width ones, bidirectional overrides, the byte order mark), a line or paragraph
   * separator, a noncharacter (U+FFFE, U+FDD0, ...), a code point of private use (it shows as
   * nothing or as a box), a variation selector (U+FE00–FE0F, U+E0100–E01EF, the Mongolian
   * U+180B–180F), or one of the characters that show as nothing ({@link #BLANK_LOOKING}). Text
   * people read and compare, such as a name or an actor, has none of them.
   */
  public static boolean isHidden(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.PRIVATE_USE
        || isVariationSelector(codePoint)
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || (codePoint & 0xFFFE) == 0xFFFE
        || (codePoint >= 0xFDD0 && codePoint <= 0xFDEF)
        || BLANK_LOOKING.contains(codePoint);
  }

  private static boolean isVariationSelector(int codePoint) {
    return (codePoint >= 0xFE00 && codePoint <= 0xFE0F)
        || (codePoint >= 0xE0100 && codePoint <= 0xE01EF)
        || (codePoint >= 0x180B && codePoint <= 0x180F);
  }

  /**
   * Why {@code value} may not be taken from a client, or {@code null} if it may: it has a control
   * character (U+0000 included) or an unpaired surrogate, or more than {@code maxLength} characters
   * (code points: an emoji is one, as PostgreSQL counts them).
   */
  public static String defect(String value, int maxLength) {
    String tooLong = "must be at most " + maxLength + " characters";
    // Two UTF-16 units a code point at most: longer is too long without reading it.
    if (value.length() > 2L * maxLength) {
      return tooLong;
    }
    int characters = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        return "must not contain control characters (found U+%04X)".formatted((int) c);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not contain unpaired surrogates (found U+%04X)".formatted((int) c);
      }
      characters++;
    }
    return characters > maxLength ? tooLong : null;
  }
}
