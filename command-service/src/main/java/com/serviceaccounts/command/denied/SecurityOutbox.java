package com.serviceaccounts.command.denied;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.serviceaccounts.events.EventJson;
import com.serviceaccounts.events.security.SecurityEntry;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code security_outbox} table: security entries not yet acknowledged by Kafka. */
@Repository
public class SecurityOutbox {

  private static final ObjectMapper JSON = EventJson.newMapper();

  private final JdbcClient jdbc;

  SecurityOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the entry in a transaction of its own, committed when this returns. */
  void add(SecurityEntry entry) {
    try {
      jdbc.sql("INSERT INTO security_outbox (company_id, entry) VALUES (:company, :entry)")
          .param("company", entry.companyId())
          .param("entry", JSON.writeValueAsString(entry))
          .update();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a security entry always serializes", e);
    }
  }

  /**
   * The oldest entries not yet sent, locked for this transaction; other instances skip them rather
   * than send them twice.
   */
  public List<Pending> oldest(int limit) {
    return jdbc.sql(
            """
            SELECT id, company_id, entry FROM security_outbox
            ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED
            """)
        .param("limit", limit)
        .query((row, i) -> new Pending(row.getLong(1), row.getString(2), row.getString(3)))
        .list();
  }

  public void remove(List<Pending> sent) {
    jdbc.sql("DELETE FROM security_outbox WHERE id = ANY(:ids)")
        .param("ids", sent.stream().map(Pending::id).toArray(Long[]::new))
        .update();
  }

  /** An entry waiting for Kafka: its row id, its company id (the record key) and its JSON. */
  public record Pending(long id, String companyId, String json) {}
}
