package com.serviceaccounts.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.testsupport.StructuredConsoleLogs;
import com.serviceaccounts.testsupport.TestAccount;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;

/**
 * With the logs as in production (JSON), the lines logged while an event is projected carry the
 * correlation id of the request that caused it, as command-service's lines for that request do.
 */
@ExtendWith(OutputCaptureExtension.class)
class CorrelatedLogsIT extends QueryServiceIntegrationTest {

  /** Logs each applied event, at debug. */
  private static final String LISTENER =
      "com.serviceaccounts.query.intake.ServiceAccountEventListener";

  @Autowired Environment environment;

  @Test
  void linesLoggedWhileAnEventIsProjectedCarryItsCorrelationId(CapturedOutput output) {
    TestAccount account = TestAccount.inANewCompany();
    EventEnvelope created = account.created("ERP nightly sync");
    String eventId = created.eventId().toString();
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    try (var json = StructuredConsoleLogs.switchTo("ecs", environment)) {
      logging.setLogLevel(LISTENER, LogLevel.DEBUG);
      try {
        feed.publish(created);
        awaitAccountAtVersion(account, 1);
        // The line is written once the transaction committed, so maybe after the read.
        eventually().until(() -> linesAbout(eventId, output), lines -> !lines.isEmpty());
      } finally {
        logging.setLogLevel(LISTENER, null);
      }
    }

    assertThat(created.correlationId()).isNotBlank();
    assertThat(linesAbout(eventId, output))
        .extracting(
            line -> line.path("correlationId").asText(),
            line -> line.at("/log/logger").asText(),
            line -> line.at("/service/name").asText())
        .containsExactly(tuple(created.correlationId(), LISTENER, "query-service"));
  }

  private static List<JsonNode> linesAbout(String eventId, CapturedOutput output) {
    return StructuredConsoleLogs.jsonLines(output.getOut()).stream()
        .filter(line -> line.path("message").asText().contains(eventId))
        .toList();
  }
}
