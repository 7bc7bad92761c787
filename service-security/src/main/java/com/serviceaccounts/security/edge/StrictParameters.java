package com.serviceaccounts.security.edge;

import com.serviceaccounts.events.ReportedTimes;
import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Query and form parameters and path variables read as the API documents them: a whole number in
 * ASCII digits (Spring would also read {@code 0x10}, {@code #10} or full-width digits), {@code
 * true} or {@code false} (Spring would also read {@code yes}, {@code on} or {@code 1}), an id in
 * its 36-character form (Spring would also read one with a tab or a space after it), an instant in
 * ISO-8601 between the years 1 and 9999 (Spring would also read digits as epoch milliseconds, and
 * an instant a billion years away, which no query can compare with a stored time). Anything else is
 * a type mismatch, answered 400 with the parameter named. Property editors, not converters: Spring
 * falls back to its lenient default editors when a converter refuses a value, but not when an
 * editor does. The APIs' edge registers it ({@link HttpEdgeAutoConfiguration}); the web UI, which
 * has an edge of its own, imports it.
 */
@ControllerAdvice
public final class StrictParameters {

  /** A sign and at most 19 digits: what a long holds, and a bounded cost to read. */
  private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");

  /**
   * An id as the services write it: 36 characters, hex digits in five groups. Spring would trim
   * spaces and tabs around it, and Java reads {@code 1-1-1-1-1} as an id too.
   */
  private static final Pattern ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** New editors for each binder: an editor holds the value it read, so it cannot be shared. */
  @InitBinder
  void readStrictly(WebDataBinder binder) {
    binder.registerCustomEditor(int.class, new Strict(StrictParameters::whole, Integer::valueOf));
    binder.registerCustomEditor(
        Integer.class, new Strict(StrictParameters::whole, Integer::valueOf));
    binder.registerCustomEditor(long.class, new Strict(StrictParameters::whole, Long::valueOf));
    binder.registerCustomEditor(Long.class, new Strict(StrictParameters::whole, Long::valueOf));
    binder.registerCustomEditor(
        boolean.class, new Strict(StrictParameters::bool, Boolean::valueOf));
    binder.registerCustomEditor(
        Boolean.class, new Strict(StrictParameters::bool, Boolean::valueOf));
    binder.registerCustomEditor(
        UUID.class, new Strict(text -> ID.matcher(text).matches(), UUID::fromString));
    binder.registerCustomEditor(
        Instant.class, new Strict(StrictParameters::instant, Instant::parse));
  }

  private static boolean instant(String text) {
    try {
      Instant instant = Instant.parse(text);
      return ReportedTimes.inFourDigitYears(instant);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Whether {@code text} is a whole number as the APIs read one: a sign and ASCII digits. */
  public static boolean whole(String text) {
    return WHOLE_NUMBER.matcher(text).matches();
  }

  private static boolean bool(String text) {
    return text.equals("true") || text.equals("false");
  }

  private static final class Strict extends PropertyEditorSupport {

    private final Function<String, Boolean> accepts;
    private final Function<String, Object> read;

    Strict(Function<String, Boolean> accepts, Function<String, Object> read) {
      this.accepts = accepts;
      this.read = read;
    }

    @Override
    public void setAsText(String text) {
      if (text == null || text.isEmpty()) {
        setValue(null);
      } else if (accepts.apply(text)) {
        setValue(read.apply(text));
      } else {
        throw new IllegalArgumentException("not as the API writes it");
      }
    }
  }
}
