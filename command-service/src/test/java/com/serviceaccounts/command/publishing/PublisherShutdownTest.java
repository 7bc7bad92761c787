package com.serviceaccounts.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.cloudevents.CloudEvent;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

class PublisherShutdownTest {

  @SuppressWarnings("unchecked")
  private final KafkaTemplate<String, CloudEvent> kafka = mock(KafkaTemplate.class);

  private final PublisherShutdown shutdown = new PublisherShutdown(kafka);

  @Test
  void stoppingFlushesTheProducer() {
    shutdown.start();
    assertThat(shutdown.isRunning()).isTrue();

    shutdown.stop();

    verify(kafka).flush();
    assertThat(shutdown.isRunning()).isFalse();
  }

  /** Spring stops higher phases first: Axon's processors stop, then the producer is flushed. */
  @Test
  void itStopsRightAfterAxonsEventProcessors() {
    assertThat(shutdown.getPhase()).isLessThan(SpringAxonConfiguration.LIFECYCLE_PHASE);
  }
}
