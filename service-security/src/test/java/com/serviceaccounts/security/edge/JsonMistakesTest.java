package com.serviceaccounts.security.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each mistake the strict reader refuses is said in the API's words, whatever Jackson's own message
 * for it: a Jackson that words one differently fails here, not in a client's face.
 */
class JsonMistakesTest {

  enum Level {
    NONE,
    ADMIN
  }

  record Body(
      String name, Level level, Duration overlap, List<String> tags, Boolean on, Integer count) {}

  private static final JsonMapper JSON = StrictJsonTest.strict();

  @Test
  void aValueOfTheWrongKindIsNamedByWhatItMustBe() {
    Map<String, String> said =
        Map.of(
            "{\"name\":5}", "must be a string, not a number",
            "{\"name\":{}}", "must be a string, not an object",
            "{\"count\":\"1\"}", "must be a number, not a string",
            "{\"level\":\"ROOT\"}", "must be one of [NONE, ADMIN]",
            "{\"level\":1}", "must be one of [NONE, ADMIN], not a number",
            "{\"tags\":\"a\"}", "must be an array, not a string",
            "{\"on\":\"true\"}", "must be true or false, not a string",
            "[]", "must be an object, not an array",
            "{\"name\":\"a\"} {}", "must be one JSON value, with nothing after it");
    said.forEach(
        (body, words) ->
            assertThat(JsonMistakes.mismatch(refused(body))).as(body).isEqualTo(words));
  }

  @Test
  void aSyntaxErrorSaysWhereAndNotWhichSwitchToChange() {
    JacksonException malformed =
        catchThrowableOfType(
            JacksonException.class, () -> JSON.readValue("{\"name\":'a'}", Body.class));
    String said = JsonMistakes.syntax(malformed);
    assertThat(said).contains("(line 1, column").doesNotContain("enable", "`");
  }

  private static MismatchedInputException refused(String body) {
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> JSON.readValue(body, Body.class));
    System.out.println("DEBUG " + body + " -> " + t);
    return t instanceof MismatchedInputException m ? m : null;
  }
}
