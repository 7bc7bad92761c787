package com.serviceaccounts.ui.pages;

import com.serviceaccounts.contract.query.AuditEntry;
import com.serviceaccounts.events.serviceaccount.CompanyTools;
import com.serviceaccounts.events.text.Actors;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The words the pages use for the API's codes: statuses, app types, levels, tools, event types
 * and field names (these two from {@code messages.properties}). Templates reach it as {@code
 * @labels}.
 */
@Component("labels")
public class Labels {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final MessageSource messages;

  Labels(MessageSource messages) {
    this.messages = messages;
  }

  /** {@code READ_ONLY} → {@code Read Only}; also statuses and app types. */
  public String code(Object code) {
    if (code == null) {
      return "";
    }
    return Arrays.stream(code.toString().toLowerCase(Locale.ROOT).split("_"))
        .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
        .collect(Collectors.joining(" "));
  }

  public String tool(String toolId) {
    String name = CompanyTools.displayName(toolId);
    return name == null ? toolId : name;
  }

  /** {@code microsoft-dynamics-365} → {@code Microsoft Dynamics 365}. */
  public String marketplaceApp(String appId) {
    if (appId == null) {
      return "";
    }
    return Arrays.stream(appId.split("[-_.]"))
        .filter(word -> !word.isEmpty())
        .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
        .collect(Collectors.joining(" "));
  }

  public String event(String type) {
    return text("event." + type, type);
  }

  /** A field of an audit entry's changes; {@code permissions.reports} → {@code Reports}. */
  public String field(String field) {
    if (field.startsWith("permissions.")) {
      return messages.getMessage(
          "field.permission",
          new Object[] {tool(field.substring("permissions.".length()))},
          LocaleContextHolder.getLocale());
    }
    return text("field." + field, field);
  }

  private String text(String key, String fallback) {
    return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
  }

  /** A value as an audit entry shows it, codes in words. */
  private String value(String field, String value) {
    if (value == null) {
      return "—";
    }
    if (field.equals("appType") || field.startsWith("permissions.") || field.equals("status")) {
      return code(value);
    }
    if (field.equals("marketplaceAppId")) {
      return marketplaceApp(value);
    }
    return value;
  }

  /** What a field was before an audit entry's change, codes in words. */
  public String before(String field, JsonNode change) {
    return value(field, AuditEntry.before(change));
  }

  /** What a field is after an audit entry's change, codes in words; an erased value says so. */
  public String after(String field, JsonNode change) {
    return AuditEntry.erased(change) ? "Erased" : value(field, AuditEntry.after(change));
  }

  /**
   * How the pages name who acted: a person by what their sign-in names them ({@code
   * user:alice@acme.example} → {@code alice@acme.example}), a service account or the system by the
   * whole actor ({@code service-account:sa_…}), so that nobody reads as a service account.
   */
  public String actor(String actor) {
    if (actor == null) {
      return "";
    }
    return actor.startsWith(Actors.PERSON) ? actor.substring(Actors.PERSON.length()) : actor;
  }

  public String when(Instant instant) {
    return instant == null ? "" : WHEN.format(instant);
  }
}
