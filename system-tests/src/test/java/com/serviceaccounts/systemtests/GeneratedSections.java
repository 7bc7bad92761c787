package com.serviceaccounts.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a document that are generated from the code, between {@code <!-- BEGIN GENERATED:
 * name ... -->} and {@code <!-- END GENERATED -->}. A test compares each with what the code says
 * now; run it with {@code -Ddocs.update=true} to write the new text into the document instead.
 */
final class GeneratedSections {

  private GeneratedSections() {}

  /**
   * Compares the section with {@code generated}; with {@code docs.update=true} rewrites it and
   * reports no difference.
   *
   * @return the section's current text, or the generated one once written
   */
  static String compareOrUpdate(Path document, String name, String generated) {
    Matcher section = section(document, name);
    if (!Boolean.getBoolean("docs.update") || section.group(2).equals(generated)) {
      return section.group(2);
    }
    String text = Documentation.text(document);
    String updated =
        text.substring(0, section.start(2)) + generated + text.substring(section.end(2));
    try {
      Files.writeString(document, updated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return generated;
  }

  private static Matcher section(Path document, String name) {
    Pattern pattern =
        Pattern.compile(
            "(<!-- BEGIN GENERATED: "
                + Pattern.quote(name)
                + "[^>]*-->\n)(.*?)(?=<!-- END GENERATED -->)",
            Pattern.DOTALL);
    Matcher matcher = pattern.matcher(Documentation.text(document));
    if (!matcher.find()) {
      throw new IllegalStateException(document + " has no generated section " + name);
    }
    return matcher;
  }
}
