package com.serviceaccounts.ui.pages;

import com.serviceaccounts.ui.api.ApiProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The API's field errors in the words of the form: the API names fields and codes as they are on
 * the wire ({@code marketplaceAppId}, {@code MARKETPLACE}); the page says what the user sees.
 */
final class FieldMessages {

  private static final Map<String, String> WORDS = new LinkedHashMap<>();

  static {
    WORDS.put("marketplaceAppId", "the marketplace app");
    WORDS.put("appType", "App Type");
    WORDS.put("contactEmail", "the contact email");
    WORDS.put("MARKETPLACE", "Marketplace");
    WORDS.put("CUSTOM", "Custom");
  }

  private FieldMessages() {}

  /**
   * Field → message for a form with {@code formFields}; what concerns no field of the form (or no
   * field at all) is under "", for the top of the form.
   */
  static Map<String, String> of(ApiProblem problem, Set<String> formFields) {
    Map<String, String> messages = new LinkedHashMap<>();
    problem
        .fieldErrors()
        .forEach(
            (field, message) ->
                messages.merge(
                    formFields.contains(field) ? field : "",
                    words(field, message),
                    (first, second) -> first + " " + second));
    if (messages.isEmpty()) {
      messages.put("", words("", problem.getMessage()));
    }
    return messages;
  }

  private static String words(String field, String message) {
    if (field.equals("marketplaceAppId") && message.startsWith("appType MARKETPLACE needs")) {
      return "Choose the marketplace app this account is used with.";
    }
    if (field.equals("name") && message.startsWith("name is required")) {
      return "Enter a name for the service account.";
    }
    String text = message;
    for (Map.Entry<String, String> word : WORDS.entrySet()) {
      text = text.replace(word.getKey(), word.getValue());
    }
    text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
    return text.endsWith(".") ? text : text + ".";
  }
}
