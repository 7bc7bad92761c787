package com.serviceaccounts.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotControllerException;
import org.junit.jupiter.api.Test;

class KafkaLogNoiseFilterTest {

  private final LoggerContext context = new LoggerContext();

  private final KafkaLogNoiseFilter filter = new KafkaLogNoiseFilter();

  @Test
  void dropsTheWarningsOfEveryHealthyStartAndStop() {
    assertThat(
            decide(
                "org.apache.kafka.controller.QuorumController",
                Level.WARN,
                "[QuorumController id=1] Performing controller activation.",
                null))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            decide(
                "org.apache.kafka.clients.NetworkClient",
                Level.WARN,
                "[NodeToControllerChannelManager id=1 name=registration] Attempting to close NetworkClient that has already been closed.",
                null))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void dropsTheRetriedRegistrationWithAControllerThatIsNotActiveYet() {
    Throwable raceDuringRestart =
        new CompletionException(
            new NotControllerException("The active controller appears to be node 1."));

    assertThat(
            decide(
                "kafka.server.ControllerApis",
                Level.ERROR,
                "Unexpected error handling request",
                raceDuringRestart))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void letsEverythingElseThrough() {
    assertThat(
            decide(
                "kafka.server.ControllerApis",
                Level.ERROR,
                "Unexpected error handling request",
                new IllegalStateException("disk full")))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            decide(
                "org.apache.kafka.clients.NetworkClient",
                Level.WARN,
                "Connection to node 1 could not be established.",
                null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(
            decide(
                "org.apache.kafka.controller.QuorumController",
                Level.INFO,
                "Performing controller activation.",
                null))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  private FilterReply decide(String logger, Level level, String message, Throwable error) {
    return filter.decide(null, context.getLogger(logger), level, message, null, error);
  }
}
