package com.serviceaccounts.ui.errors;

import com.serviceaccounts.events.serviceaccount.AccountStatus;
import com.serviceaccounts.events.serviceaccount.AppType;
import com.serviceaccounts.events.serviceaccount.PermissionLevel;
import com.serviceaccounts.security.edge.StrictParameters;
import java.beans.PropertyEditor;
import java.beans.PropertyEditorSupport;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.propertyeditors.CustomCollectionEditor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * The UI's parameters and form fields, read more strictly than the APIs' ({@link StrictParameters},
 * which reads them first): a whole number (a page, a version) is never negative, and one given
 * empty ({@code page=}) is not one, rather than none; an app type, status or level is exactly one
 * of its constants' names (Spring would read {@code " ACTIVE"} as {@code ACTIVE}), also in a list
 * ({@code status=ACTIVE&status=DELETED}). Anything else is a type mismatch, which {@link
 * RefusedParameterAdvice} answers with a 400 naming the parameter.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UiParameters {

  /** The enums the UI's pages and forms read. */
  private static final List<Class<? extends Enum<?>>> CONSTANTS =
      List.of(AppType.class, AccountStatus.class, PermissionLevel.class);

  /** New editors for each binder: an editor holds the value it read, so it cannot be shared. */
  @InitBinder
  void readStricter(WebDataBinder binder) {
    for (Class<?> type : List.of(int.class, Integer.class, long.class, Long.class)) {
      PropertyEditor strict =
          Objects.requireNonNull(
              binder.findCustomEditor(type, null), "StrictParameters reads whole numbers first");
      binder.registerCustomEditor(type, new NotNegative(strict));
    }
    for (Class<? extends Enum<?>> type : CONSTANTS) {
      binder.registerCustomEditor(type, new ExactName(type));
    }
    // A list's elements are then read by the editors above; Spring's conversion of a list would
    // read them with its own, which trims them.
    binder.registerCustomEditor(List.class, new CustomCollectionEditor(List.class));
  }

  /** A whole number as {@code strict} reads it, but without a sign, and never empty. */
  private static final class NotNegative extends PropertyEditorSupport {

    private final PropertyEditor strict;

    NotNegative(PropertyEditor strict) {
      this.strict = strict;
    }

    @Override
    public void setAsText(String text) {
      if (text == null || text.isEmpty() || text.startsWith("-")) {
        throw new IllegalArgumentException("not a whole number of 0 or more");
      }
      strict.setAsText(text);
      setValue(strict.getValue());
    }
  }

  /** A constant by its exact name; never empty. */
  private static final class ExactName extends PropertyEditorSupport {

    private final Class<? extends Enum<?>> type;

    ExactName(Class<? extends Enum<?>> type) {
      this.type = type;
    }

    @Override
    public void setAsText(String text) {
      for (Enum<?> constant : type.getEnumConstants()) {
        if (constant.name().equals(text)) {
          setValue(constant);
          return;
        }
      }
      throw new IllegalArgumentException("not one of the constants");
    }
  }
}
