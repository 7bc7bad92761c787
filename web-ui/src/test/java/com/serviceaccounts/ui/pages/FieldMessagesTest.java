package com.serviceaccounts.ui.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceaccounts.ui.api.ApiProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMessagesTest {

  @Test
  void theApisWordsBecomeTheFormsWords() {
    ApiProblem problem =
        new ApiProblem(
            422,
            "Invalid request",
            "…",
            Map.of(
                "marketplaceAppId",
                "marketplaceAppId applies only to appType MARKETPLACE; leave it out for CUSTOM"),
            null);

    assertThat(FieldMessages.of(problem, AccountForm.FIELDS))
        .containsExactly(
            Map.entry(
                "marketplaceAppId",
                "The marketplace app applies only to App Type Marketplace; leave it out for"
                    + " Custom."));
  }

  @Test
  void theCommonRefusalsAreSaidAsWhatToDo() {
    assertThat(
            FieldMessages.of(
                new ApiProblem(
                    422, "t", "d", Map.of("name", "name is required and must not be blank"), null),
                AccountForm.FIELDS))
        .containsEntry("name", "Enter a name for the service account.");
    assertThat(
            FieldMessages.of(
                new ApiProblem(
                    422,
                    "t",
                    "d",
                    Map.of(
                        "marketplaceAppId",
                        "appType MARKETPLACE needs marketplaceAppId, the marketplace app the"
                            + " account is used with"),
                    null),
                AccountForm.FIELDS))
        .containsEntry("marketplaceAppId", "Choose the marketplace app this account is used with.");
  }

  @Test
  void whatConcernsNoFieldOfTheFormGoesToTheTopOfTheForm() {
    assertThat(
            FieldMessages.of(
                new ApiProblem(
                    422, "t", "d", Map.of("Idempotency-Key", "Idempotency-Key is invalid"), null),
                AccountForm.FIELDS))
        .containsOnlyKeys("");
    assertThat(
            FieldMessages.of(
                new ApiProblem(409, "Conflict", "the account is DELETED", Map.of(), null),
                AccountForm.FIELDS))
        .containsExactly(Map.entry("", "The account is DELETED."));
  }
}
