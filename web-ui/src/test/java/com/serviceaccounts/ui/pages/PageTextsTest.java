package com.serviceaccounts.ui.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.ui.api.ApiProblem;
import com.serviceaccounts.ui.api.ApiProblem.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class PageTextsTest {

  private final PageTexts texts = new PageTexts(messages());

  @Test
  void everyProblemCodeHasATextAndEveryProblemTextACode() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/messages.properties")) {
      properties.load(in);
    }
    Set<String> texts =
        properties.stringPropertyNames().stream()
            .filter(key -> key.startsWith("problem."))
            .map(key -> key.substring("problem.".length()))
            .collect(Collectors.toSet());

    assertThat(texts)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ProblemCode.values()).map(ProblemCode::code).toList());
    for (String code : texts) {
      assertThat(properties.getProperty("problem." + code)).as(code).isNotBlank();
    }
  }

  @Test
  void aFieldErrorIsSaidByItsCodeNextToItsField() {
    ApiProblem problem =
        problem(
            "invalid-field",
            Map.of("name", new FieldError("name-required", "name is required and must be...")));

    assertThat(texts.of(problem, AccountForm.FIELDS))
        .containsExactly(Map.entry("name", "Enter a name for the service account."));
  }

  @Test
  void whatConcernsNoFieldOfTheFormGoesToTheTopOfTheForm() {
    ApiProblem problem =
        problem(
            "invalid-field",
            Map.of(
                "Idempotency-Key",
                new FieldError("idempotency-key-malformed", "Idempotency-Key must be ...")));

    assertThat(texts.of(problem, AccountForm.FIELDS))
        .containsExactly(
            Map.entry("", "The form is out of date. Reload the page and submit it again."));
  }

  @Test
  void aProblemWithoutFieldsIsSaidByItsOwnCode() {
    assertThat(texts.of(problem("illegal-transition", Map.of()), AccountForm.FIELDS))
        .containsExactly(
            Map.entry(
                "",
                "The account's status does not allow this any more. Reload it to see where it"
                    + " stands."));
  }

  @Test
  void aCodeWithoutATextFallsBackToTheServicesOwnWords() {
    ApiProblem problem =
        new ApiProblem(
            409, "Conflict", "the account is gone", "from-a-newer-service", Map.of(), null);

    assertThat(texts.of(problem, AccountForm.FIELDS))
        .containsExactly(Map.entry("", "The account is gone."));
  }

  private static ApiProblem problem(String code, Map<String, FieldError> fields) {
    return new ApiProblem(422, "Invalid request", "detail", code, fields, null);
  }

  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    return messages;
  }
}
