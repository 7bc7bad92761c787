package com.serviceaccounts.localstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the few warnings and errors that an embedded single-node Kafka logs on every healthy start,
 * stop or restart, so that a real problem is not lost among them (and nobody learns to ignore
 * Kafka's errors). Everything else passes unchanged.
 *
 * <ul>
 *   <li>"Performing controller activation", logged as a warning each time the controller starts;
 *   <li>"Attempting to close NetworkClient that has already been closed", on each broker stop;
 *   <li>a {@code NotControllerException} when the broker registers with its own controller a moment
 *       before that controller has taken office after a restart; the registration is retried and
 *       succeeds.
 * </ul>
 *
 * <p>Used by the launcher's logging configuration; tests that run the embedded broker can add
 * {@code <turboFilter class="com.serviceaccounts.localstack.KafkaLogNoiseFilter"/>} to their {@code
 * logback-test.xml}.
 */
public final class KafkaLogNoiseFilter extends TurboFilter {

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(Level.WARN)) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    boolean benign =
        switch (name) {
          case "org.apache.kafka.controller.QuorumController" ->
              contains(format, "Performing controller activation");
          case "org.apache.kafka.clients.NetworkClient" ->
              contains(format, "Attempting to close NetworkClient that has already been closed");
          case "kafka.server.ControllerApis" ->
              causedBy(t, "org.apache.kafka.common.errors.NotControllerException");
          default -> false;
        };
    return benign ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  private static boolean contains(String format, String text) {
    return format != null && format.contains(text);
  }

  private static boolean causedBy(Throwable error, String className) {
    for (Throwable cause = error;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause.getClass().getName().equals(className)) {
        return true;
      }
    }
    return false;
  }
}
