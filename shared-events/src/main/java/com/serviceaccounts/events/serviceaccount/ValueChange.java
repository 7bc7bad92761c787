package com.serviceaccounts.events.serviceaccount;

import java.util.Objects;

/**
 * One field's value before and after a change. Either side may be {@code null} when the field had
 * or has no value (a marketplace app id when the app type is {@code CUSTOM}, for instance).
 *
 * @param before the value the field had before the event
 * @param after the value the field has after the event
 */
public record ValueChange<T>(T before, T after) {

  /** The change from {@code before} to {@code after}, or {@code null} when they are equal. */
  public static <T> ValueChange<T> between(T before, T after) {
    return Objects.equals(before, after) ? null : new ValueChange<>(before, after);
  }
}
