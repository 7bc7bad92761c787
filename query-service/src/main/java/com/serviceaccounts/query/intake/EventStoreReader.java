package com.serviceaccounts.query.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.events.EventJson;
import com.serviceaccounts.events.EventRevisions;
import com.serviceaccounts.events.EventType;
import com.serviceaccounts.events.StoredEvents;
import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads command-service's event store (table {@code domainevententry}) in the order it was written,
 * over a read-only connection of its own ({@code service-accounts.event-store.*}); the source of a
 * rebuild, which therefore does not depend on how long Kafka keeps records.
 */
@Component
class EventStoreReader implements DisposableBean {

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final HikariDataSource pool;
  private final JdbcClient jdbc;

  EventStoreReader(
      @Value("${service-accounts.event-store.url}") String url,
      @Value("${service-accounts.event-store.username}") String username,
      @Value("${service-accounts.event-store.password}") String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("event-store");
    config.setJdbcUrl(url);
    config.setUsername(username);
    config.setPassword(password);
    config.setReadOnly(true);
    config.setMaximumPoolSize(2);
    config.setInitializationFailTimeout(-1);
    this.pool = new HikariDataSource(config);
    this.jdbc = JdbcClient.create(pool);
  }

  /** An event with its place in the event store. */
  record Stored(long globalIndex, EventEnvelope envelope) {}

  /** Up to {@code limit} events after {@code globalIndex}, in the order they were stored. */
  List<Stored> after(long globalIndex, int limit) {
    return jdbc.sql(
            """
            SELECT globalindex, eventidentifier, sequencenumber, timestamp, metadata, payload,
                   payloadtype, payloadrevision
              FROM domainevententry WHERE globalindex > :after ORDER BY globalindex LIMIT :limit
            """)
        .param("after", globalIndex)
        .param("limit", limit)
        .query(
            (row, i) ->
                new Stored(
                    row.getLong("globalindex"),
                    StoredEvents.envelope(
                        row.getString("eventidentifier"),
                        row.getLong("sequencenumber"),
                        Instant.parse(row.getString("timestamp")),
                        metadata(row.getBytes("metadata")),
                        payload(
                            row.getString("payloadtype"),
                            row.getString("payloadrevision"),
                            row.getBytes("payload")))))
        .list();
  }

  /** The newest event's place; 0 when there is none. */
  long head() {
    return jdbc.sql("SELECT coalesce(max(globalindex), 0) FROM domainevententry")
        .query(Long.class)
        .single();
  }

  private static Map<String, Object> metadata(byte[] json) {
    try {
      return json == null ? Map.of() : JSON.readValue(json, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event at its current revision, whichever revision it was stored at. */
  private static ServiceAccountEvent payload(String type, String revision, byte[] json) {
    EventType eventType =
        EventType.ofPayloadType(type)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the event store holds an event of unknown type " + type));
    return EventRevisions.read(JSON, eventType, EventRevisions.revision(revision), json);
  }

  @Override
  public void destroy() {
    pool.close();
  }
}
