package com.serviceaccounts.events.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTextTest {

  @Test
  void controlCharactersAndUnpairedSurrogatesAreEscaped() {
    assertThat(UntrustedText.echo("a\u0000b\u001fc\u0085d\ud800e\udc00"))
        .isEqualTo("a\\u0000b\\u001Fc\\u0085d\\uD800e\\uDC00");
  }

  /**
   * What would hide in the text shown, or turn it around: U+202E would show "gpj.exe" as "exe.jpg".
   */
  @Test
  void charactersThatWouldHideInTheTextShownAreEscaped() {
    assertThat(UntrustedText.echo("a\u202Eb\u200Bc\u2066d\uFEFFe\u2028f\uE000g\uDB80\uDC00h"))
        .isEqualTo("a\\u202Eb\\u200Bc\\u2066d\\uFEFFe\\u2028f\\uE000g\\uDB80\\uDC00h");
    assertThat(UntrustedText.echo("é ü 日本 \ud83d\ude00")).isEqualTo("é ü 日本 \ud83d\ude00");
  }

  @Test
  void spacesOtherThanTheSpaceAndUnassignedCodePointsAreEscapedInAnEcho() {
    assertThat(UntrustedText.echo("user:admin\u00a0 a\u3000b\u0378c"))
        .isEqualTo("user:admin\\u00A0 a\\u3000b\\u0378c");
  }

  @Test
  void aPairedSurrogateStaysAsItIs() {
    assertThat(UntrustedText.echo("ok \ud83d\ude00")).isEqualTo("ok \ud83d\ude00");
  }

  @Test
  void longTextIsCutWithAnEllipsisAndNeverSplitsAPairOrAnEscape() {
    assertThat(UntrustedText.escape("a".repeat(10), 10)).isEqualTo("a".repeat(10));
    assertThat(UntrustedText.escape("a".repeat(11), 10)).isEqualTo("a".repeat(9) + "…");
    assertThat(UntrustedText.escape("a".repeat(8) + "\ud83d\ude00x", 10))
        .isEqualTo("a".repeat(8) + "…");
    assertThat(UntrustedText.escape("a".repeat(5) + "\u0000", 10)).isEqualTo("aaaaa…");
    assertThat(UntrustedText.echo("x".repeat(20_000_000))).hasSize(UntrustedText.MAX_ECHOED_LENGTH);
  }

  /**
   * A message that repeats a value escaped before (command-service's "name must be …, was '…'") is
   * cut again as a whole: never in the middle of one of the value's escapes.
   */
  @Test
  void aTextEscapedBeforeIsNeverCutInsideOneOfItsEscapes() {
    String escapedBefore = UntrustedText.echo("\u0001".repeat(100));
    for (int max = 2; max <= 60; max++) {
      String cut = UntrustedText.escape("was '" + escapedBefore + "'", max);
      assertThat(cut)
          .as("cut to %d", max)
          .endsWith("…")
          .doesNotContainPattern("\\\\(u[0-9A-F]{0,3})?…$");
      assertThat(cut.length()).isLessThanOrEqualTo(max);
    }
  }

  @Test
  void defectNamesWhatIsWrong() {
    assertThat(UntrustedText.defect("fine", 10)).isNull();
    assertThat(UntrustedText.defect("\ud83d\ude00", 10)).isNull();
    assertThat(UntrustedText.defect("a\u0000", 10)).contains("control characters", "U+0000");
    assertThat(UntrustedText.defect("a\ud800", 10)).contains("unpaired surrogates", "U+D800");
    assertThat(UntrustedText.defect("\udc00a", 10)).contains("unpaired surrogates");
    assertThat(UntrustedText.defect("a".repeat(11), 10)).contains("at most 10");
    // Characters are counted, not UTF-16 units: ten emoji are ten characters.
    assertThat(UntrustedText.defect("\ud83d\ude00".repeat(10), 10)).isNull();
    assertThat(UntrustedText.defect("\ud83d\ude00".repeat(11), 10)).contains("at most 10");
    assertThat(UntrustedText.defect("a".repeat(9) + "\ud83d\ude00", 10)).isNull();
  }

  @Test
  void theValuesOfAParameterGivenTwiceAreListedNotTheArray() {
    assertThat(UntrustedText.echo(new String[] {"2026-01-01", "x\u0000"}))
        .isEqualTo("2026-01-01,x\\u0000");
  }
}
