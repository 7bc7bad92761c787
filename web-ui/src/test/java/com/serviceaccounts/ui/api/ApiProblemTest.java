package com.serviceaccounts.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ApiProblemTest {

  @Test
  void aRefusedParameterIsReadAsAFieldErrorAsAFormsFieldIs() {
    ApiProblem problem =
        ApiProblem.read(
            400,
            """
            {"status":400,"title":"Invalid request parameter","code":"invalid-parameter",
             "invalidParams":[{"name":"q","code":"invalid-parameter",
                               "reason":"must be at most 100 characters"}]}
            """
                .getBytes(StandardCharsets.UTF_8),
            JsonMapper.builder().build());

    assertThat(problem.code()).isEqualTo("invalid-parameter");
    assertThat(problem.fieldErrors())
        .containsExactly(
            Map.entry(
                "q",
                new ApiProblem.FieldError("invalid-parameter", "must be at most 100 characters")));
  }
}
