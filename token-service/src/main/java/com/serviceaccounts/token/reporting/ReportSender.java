package com.serviceaccounts.token.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;

/** Sends a record as its {@code EventJson} document, without waiting for the acknowledgement. */
class ReportSender {

  private final KafkaTemplate<Object, Object> kafka;
  private final ObjectMapper json;

  ReportSender(KafkaTemplate<Object, Object> kafka, ObjectMapper json) {
    this.kafka = kafka;
    this.json = json;
  }

  CompletableFuture<?> send(String topic, String key, Object value) {
    byte[] document;
    try {
      document = json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(e);
    }
    return kafka.send(topic, key, document);
  }

  void flush() {
    kafka.flush();
  }
}
