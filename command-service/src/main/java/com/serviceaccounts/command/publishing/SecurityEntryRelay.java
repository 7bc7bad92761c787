package com.serviceaccounts.command.publishing;

import com.serviceaccounts.command.denied.SecurityOutbox;
import com.serviceaccounts.events.EventTopic;
import com.serviceaccounts.events.security.SecurityEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves {@link SecurityEntry security entries} from the outbox to the security topic, keyed by
 * company id: sends a batch, waits until Kafka acknowledged all of it, and only then deletes it, in
 * one database transaction. A failure leaves the batch for the next run (at least once; the query
 * side stores each entry id once).
 */
@Component
class SecurityEntryRelay implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SecurityEntryRelay.class);
  private static final int BATCH = 500;

  private final SecurityOutbox outbox;
  private final TransactionTemplate transaction;
  private final DefaultKafkaProducerFactory<String, byte[]> producers;
  private final KafkaTemplate<String, byte[]> kafka;
  private final String topic;

  SecurityEntryRelay(
      SecurityOutbox outbox,
      TransactionTemplate transaction,
      KafkaProperties kafkaProperties,
      @Value("${service-accounts.security-entries.topic:" + EventTopic.SECURITY_NAME + "}")
          String topic) {
    this.outbox = outbox;
    this.transaction = transaction;
    Map<String, Object> config = kafkaProperties.buildProducerProperties();
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producers = new DefaultKafkaProducerFactory<>(config);
    this.kafka = new KafkaTemplate<>(producers);
    this.topic = topic;
  }

  @Scheduled(fixedDelayString = "${service-accounts.security-entries.relay-interval:PT0.25S}")
  void relay() {
    try {
      Integer sent;
      do {
        sent = transaction.execute(status -> sendOneBatch());
      } while (sent != null && sent == BATCH);
    } catch (RuntimeException e) {
      log.warn("security entries wait in the outbox: {}", e.getMessage());
    }
  }

  private int sendOneBatch() {
    List<SecurityOutbox.Pending> pending = outbox.oldest(BATCH);
    if (pending.isEmpty()) {
      return 0;
    }
    CompletableFuture<?>[] sends =
        pending.stream()
            .map(
                entry ->
                    kafka.send(
                        topic, entry.companyId(), entry.json().getBytes(StandardCharsets.UTF_8)))
            .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(sends).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not acknowledge the security entries", e);
    }
    outbox.remove(pending);
    return pending.size();
  }

  @Override
  public void destroy() {
    producers.destroy();
  }
}
