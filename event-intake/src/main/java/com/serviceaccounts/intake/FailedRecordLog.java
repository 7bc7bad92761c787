package com.serviceaccounts.intake;

import com.serviceaccounts.events.UnreadableEventException;
import com.serviceaccounts.events.text.UntrustedText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;

/**
 * One line per failed attempt and per record parked (an ERROR), so that a blocked partition (a
 * version gap, the database down) or a parked record shows in the logs. Only coordinates and the
 * reason are logged, never a record's value; an event's correlation id is in the log context
 * ({@link EventCorrelation}).
 */
public class FailedRecordLog implements RetryListener {

  /** The dead-letter header with why a record was set aside: the exception and its cause. */
  public static final String REASON_HEADER = "service-accounts-dlt-reason";

  private static final Logger log = LoggerFactory.getLogger(FailedRecordLog.class);

  /** An id as the services write it: 36 characters, hex digits in five groups. */
  private static final Pattern ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** A text a message quotes, in single or double quotes. */
  private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

  /** A value Jackson's messages quote in brackets: "Numeric value (…) out of range of int". */
  private static final Pattern BRACKETED_VALUE = Pattern.compile("(?<=value )\\([^)]*\\)");

  /** The fields PostgreSQL's driver writes on lines of their own after the message. */
  private static final Pattern DATABASE_FIELD =
      Pattern.compile("(Detail|Hint|Position|Where|Internal Query|Internal Position|Location):");

  @Override
  public void failedDelivery(
      ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
    try (var correlation = EventCorrelation.inMdc(record)) {
      log.warn(
          "{} failed (attempt {}): {}",
          describe(record),
          deliveryAttempt,
          reason(exception, record));
    }
  }

  @Override
  public void recovered(ConsumerRecord<?, ?> record, Exception exception) {
    if (DiscardedCopyException.isCause(exception)) {
      return; // dropped, not parked: ParkedRecords says so
    }
    parked(record, exception);
  }

  /** Says that the record was parked, and why. */
  static void parked(ConsumerRecord<?, ?> record, Exception exception) {
    try (var correlation = EventCorrelation.inMdc(record)) {
      log.error("{} parked: {}", describe(record), reason(exception, record));
    }
  }

  @Override
  public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
    try (var correlation = EventCorrelation.inMdc(record)) {
      log.error(
          "{} could not be set aside, will retry: {}", describe(record), reason(failure, record));
    }
  }

  private static String describe(ConsumerRecord<?, ?> record) {
    return "record %s-%d@%d (key %s)"
        .formatted(
            record.topic(),
            record.partition(),
            record.offset(),
            UntrustedText.escape(String.valueOf(record.key()), 100));
  }

  /**
   * {@link #reason(Exception)}, without the values of the record's headers that a message quotes
   * (an event id that is not one, an unknown type, a time that does not parse: the CloudEvents
   * reader and {@code UUID} quote them), each as (…); ids stay, which say what the record is.
   */
  static String reason(Exception exception, ConsumerRecord<?, ?> record) {
    List<String> values = new ArrayList<>();
    for (Header header : record.headers()) {
      String value =
          header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
      // An id as the services write it says which event or company, and quotes nothing else.
      if (!value.isEmpty() && !ID.matcher(value).matches()) {
        values.add(value);
      }
    }
    return reason(exception, values);
  }

  /** The exception's class and message, and its cause's where the message alone says little. */
  static String reason(Exception exception) {
    return reason(exception, List.of());
  }

  private static String reason(Exception exception, List<String> recordTexts) {
    Throwable cause = exception;
    // What the listener threw, and the record's own failure a batch listener reported with it.
    while ((cause instanceof ListenerExecutionFailedException
            || cause instanceof BatchListenerFailedException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String reason = cause.getClass().getSimpleName() + ": " + said(cause, recordTexts);
    // A DeserializationException says only "failed to deserialize"; its cause says why.
    return cause.getCause() == null || cause instanceof UnreadableEventException
        ? reason
        : reason
            + " ("
            + cause.getCause().getClass().getSimpleName()
            + ": "
            + said(cause.getCause(), recordTexts)
            + ")";
  }

  /**
   * A message as a reason carries it: on one line, escaped and cut, without what quotes the
   * record's data ({@code recordTexts} too): PostgreSQL's fields after its message ("Detail:
   * Failing row contains (…)", "Where: COPY …, column name: …" and the context lines after it),
   * Jackson's "at [Source: …]" and the values its messages quote.
   */
  private static String said(Throwable failure, List<String> recordTexts) {
    String message =
        String.valueOf(failure.getMessage())
            .lines()
            .map(String::strip)
            .takeWhile(line -> !DATABASE_FIELD.matcher(line).lookingAt())
            .filter(line -> !line.startsWith("at [Source"))
            .collect(Collectors.joining(" "));
    if (quotesTheRecord(failure)) {
      // Jackson's unrecognized token and a number that did not parse quote the record's own text,
      // as does an unreadable event's message, which repeats its parser's.
      message = QUOTED.matcher(message).replaceAll("(…)");
      message = BRACKETED_VALUE.matcher(message).replaceAll("(…)");
    }
    for (String text : recordTexts) {
      if (text.length() >= 3) {
        message = message.replace(text, "(…)");
      } else if (message.endsWith(": " + text)) {
        // A value of a character or two is left out where a message ends with it ("Invalid UUID
        // string: …"); elsewhere in the message it may be any word's letters.
        message = message.substring(0, message.length() - text.length()) + "(…)";
      }
    }
    return UntrustedText.escape(message, 500);
  }

  /** Whether the failure or one of its causes is a parser's, whose message quotes its input. */
  private static boolean quotesTheRecord(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      if (cause instanceof NumberFormatException
          || cause instanceof UnreadableEventException
          || cause.getClass().getName().contains(".jackson.")) {
        return true;
      }
    }
    return false;
  }
}
