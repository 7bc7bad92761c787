package com.serviceaccounts.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.contract.problem.ProblemCode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md lists every code of {@link ProblemCode}, in the catalogue's order, with the text the
 * web UI shows for it ({@code problem.<code>} in web-ui's messages.properties).
 */
class ProblemCodesDocumentedTest {

  @Test
  void theApiReferenceListsEveryProblemCode() throws IOException {
    Properties texts = new Properties();
    Path messages = Documentation.root().resolve("web-ui/src/main/resources/messages.properties");
    try (Reader reader = Files.newBufferedReader(messages, StandardCharsets.UTF_8)) {
      texts.load(reader);
    }
    StringBuilder table = new StringBuilder("| code | what it means (the web UI's words) |\n");
    table.append("|---|---|\n");
    for (ProblemCode code : ProblemCode.values()) {
      table
          .append("| `")
          .append(code.code())
          .append("` | ")
          .append(texts.getProperty("problem." + code.code(), "").replace("|", "\\|"))
          .append(" |\n");
    }
    String generated = table.toString();
    Path api = Documentation.root().resolve("docs/api.md");
    assertThat(GeneratedSections.compareOrUpdate(api, "problem codes", generated))
        .as("docs/api.md's problem codes (run with -Ddocs.update=true to write them)")
        .isEqualTo(generated);
  }
}
