package com.serviceaccounts.query;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventEnvelopeCodec;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Puts records on the event topic the way the command side does: CloudEvents in binary mode. */
final class EventFeed implements AutoCloseable {

  private final String topic;
  private final EventEnvelopeCodec codec = new EventEnvelopeCodec();
  private final DefaultKafkaProducerFactory<String, CloudEvent> eventProducers;
  private final DefaultKafkaProducerFactory<String, byte[]> rawProducers;
  private final KafkaTemplate<String, CloudEvent> events;
  private final KafkaTemplate<String, byte[]> raw;

  EventFeed(String bootstrapServers, String topic) {
    this.topic = topic;
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all");
    eventProducers =
        new DefaultKafkaProducerFactory<>(
            config, new StringSerializer(), new CloudEventSerializer());
    rawProducers =
        new DefaultKafkaProducerFactory<>(
            config, new StringSerializer(), new ByteArraySerializer());
    events = new KafkaTemplate<>(eventProducers);
    raw = new KafkaTemplate<>(rawProducers);
  }

  /** Keyed by company id, as the command side keys them. */
  void publish(EventEnvelope event) {
    publish(event.companyId().toString(), codec.toCloudEvent(event));
  }

  /** Onto one partition, whatever its key would choose. */
  void publish(EventEnvelope event, int partition) {
    await(events.send(topic, partition, event.companyId().toString(), codec.toCloudEvent(event)));
  }

  void publish(String key, CloudEvent event) {
    await(events.send(topic, key, event));
  }

  /** Onto one partition, whatever its key would choose. */
  void publish(int partition, String key, CloudEvent event) {
    await(events.send(topic, partition, key, event));
  }

  void publishRaw(String key, byte[] value) {
    await(raw.send(topic, key, value));
  }

  /** Onto one partition, whatever its key would choose. */
  void publishRaw(int partition, String key, byte[] value) {
    await(raw.send(topic, partition, key, value));
  }

  /** Onto one partition, with headers of its own. */
  void publishRaw(int partition, String key, byte[] value, Iterable<Header> headers) {
    await(raw.send(new ProducerRecord<>(topic, partition, key, value, headers)));
  }

  private static void await(java.util.concurrent.CompletableFuture<?> sent) {
    try {
      sent.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("record not acknowledged by Kafka", e);
    }
  }

  @Override
  public void close() {
    eventProducers.destroy();
    rawProducers.destroy();
  }
}
