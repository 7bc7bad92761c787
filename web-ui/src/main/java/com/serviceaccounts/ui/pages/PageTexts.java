package com.serviceaccounts.ui.pages;

import com.serviceaccounts.contract.problem.ProblemCode;
import com.serviceaccounts.ui.api.ApiProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The pages' texts, from {@code messages.properties}; among them the services' refusals in the
 * words of the pages: each problem code's text is {@code problem.<code>}. A code without a text
 * (from a newer service, say) falls back to the service's own message.
 */
@Component
class PageTexts {

  private final MessageSource messages;

  PageTexts(MessageSource messages) {
    this.messages = messages;
  }

  /**
   * Field → text for a form with {@code formFields}; what concerns no field of the form (or no
   * field at all) is under "", for the top of the form.
   */
  Map<String, String> of(ApiProblem problem, Set<String> formFields) {
    Map<String, String> texts = new LinkedHashMap<>();
    problem
        .fieldErrors()
        .forEach(
            (field, error) ->
                texts.merge(
                    formFields.contains(field) ? field : "",
                    text(error.code(), error.message()),
                    (first, second) -> first.equals(second) ? first : first + " " + second));
    if (texts.isEmpty()) {
      texts.put("", text(problem.code(), problem.getMessage()));
    }
    return texts;
  }

  /** The text of {@code code}, or {@code fallback} as a sentence. */
  String text(String code, String fallback) {
    return messages.getMessage(
        "problem." + code, null, sentence(fallback), LocaleContextHolder.getLocale());
  }

  /**
   * The text of a refusal no form shows by its fields: its code's, and for a parameter the service
   * refused, which one ({@code q}, {@code after}): the page gives no field to mark.
   */
  String refusal(ApiProblem problem) {
    if (ProblemCode.INVALID_PARAMETER.code().equals(problem.code())
        && !problem.fieldErrors().isEmpty()) {
      return messages.getMessage(
          "refusal.invalid-parameter",
          new Object[] {String.join(", ", problem.fieldErrors().keySet())},
          LocaleContextHolder.getLocale());
    }
    return text(problem.code(), problem.getMessage());
  }

  /** A UI text of {@code messages.properties}. */
  String ui(String key) {
    return messages.getMessage(key, null, LocaleContextHolder.getLocale());
  }

  private static String sentence(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String text = Character.toUpperCase(message.charAt(0)) + message.substring(1);
    return text.endsWith(".") ? text : text + ".";
  }
}
