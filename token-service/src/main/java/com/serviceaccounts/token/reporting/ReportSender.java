package com.serviceaccounts.token.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends a record as its {@code EventJson} document from a thread of its own, so that no request
 * waits for Kafka: a send blocks while the broker's metadata is unknown (Kafka down, topic
 * missing), and a token answer must not. Up to {@value #QUEUE} records wait; beyond that a record
 * is refused (its future fails), never the request.
 */
class ReportSender implements AutoCloseable {

  private static final int QUEUE = 10_000;

  private final KafkaTemplate<Object, Object> kafka;
  private final ObjectMapper json;
  private final ThreadPoolExecutor sending =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          runnable -> {
            Thread thread = new Thread(runnable, "report-sender");
            thread.setDaemon(true);
            return thread;
          });

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
    try {
      return CompletableFuture.supplyAsync(() -> kafka.send(topic, key, document), sending)
          .thenCompose(sent -> sent);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Waits until the queued records are handed to the producer, then until it has sent them. */
  void flush() {
    try {
      CompletableFuture.runAsync(() -> {}, sending).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // what is still queued is sent when the producer gets to it
    }
    kafka.flush();
  }

  @Override
  public void close() {
    sending.shutdown();
  }
}
