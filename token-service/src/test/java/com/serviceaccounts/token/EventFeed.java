package com.serviceaccounts.token;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Puts events on the event topic the way the command side does: CloudEvents in binary mode. */
final class EventFeed implements AutoCloseable {

  private final String topic;
  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();
  private final DefaultKafkaProducerFactory<String, CloudEvent> producers;
  private final KafkaTemplate<String, CloudEvent> events;

  EventFeed(String bootstrapServers, String topic) {
    this.topic = topic;
    producers =
        new DefaultKafkaProducerFactory<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new CloudEventSerializer());
    events = new KafkaTemplate<>(producers);
  }

  void publish(EventEnvelope... envelopes) {
    for (EventEnvelope event : envelopes) {
      try {
        events
            .send(topic, event.companyId().toString(), codec.toCloudEvent(event))
            .get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("record not acknowledged by Kafka", e);
      }
    }
  }

  /** Onto one partition, whatever its key would choose. */
  void publish(int partition, EventEnvelope... envelopes) {
    for (EventEnvelope event : envelopes) {
      try {
        events
            .send(topic, partition, event.companyId().toString(), codec.toCloudEvent(event))
            .get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("record not acknowledged by Kafka", e);
      }
    }
  }

  /**
   * A CloudEvent as it is, keyed by its company (as the command side keys it), onto one partition.
   */
  void publish(int partition, CloudEvent event) {
    try {
      events
          .send(
              topic,
              partition,
              String.valueOf(event.getExtension(EventEnvelopeCodec.COMPANY_ID)),
              event)
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("record not acknowledged by Kafka", e);
    }
  }

  /** As the command side writes it. */
  CloudEvent cloudEvent(EventEnvelope event) {
    return codec.toCloudEvent(event);
  }

  @Override
  public void close() {
    producers.destroy();
  }
}
