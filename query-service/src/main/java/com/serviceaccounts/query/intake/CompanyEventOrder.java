package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import com.serviceaccounts.intake.Admissions.Admission;
import com.serviceaccounts.intake.ConflictingEventException;
import com.serviceaccounts.intake.VersionGapException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Lets a company's events through strictly in company-sequence order, once each: the {@code
 * company_event_position} table holds, per company, the sequence number of the last event applied.
 * A batch's companies are read (and locked) at once, positions move in memory as events are
 * admitted, and are written in the transaction that writes the projections, so that the positions
 * and the projections move together.
 */
@Component
class CompanyEventOrder {

  /** The companies' positions, which a rebuild makes afresh with the projections. */
  static final ProjectedTable TABLE = ProjectedTable.keyed("company_event_position");

  private final NamedParameterJdbcTemplate jdbc;

  CompanyEventOrder(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The positions of the events' companies, locked until the caller's transaction ends, with the
   * ids of the events applied at the numbers of those at or below their company's position.
   */
  Positions lock(List<EventEnvelope> events) {
    Set<UUID> companies = events.stream().map(EventEnvelope::companyId).collect(Collectors.toSet());
    Map<UUID, Long> stored = new HashMap<>();
    jdbc.query(
        """
        SELECT company_id, applied FROM company_event_position
         WHERE company_id IN (:companies) FOR UPDATE
        """,
        new MapSqlParameterSource("companies", companies),
        row -> {
          stored.put(row.getObject("company_id", UUID.class), row.getLong("applied"));
        });
    List<EventEnvelope> seen =
        events.stream()
            .filter(event -> event.companySequence() <= stored.getOrDefault(event.companyId(), 0L))
            .toList();
    return new Positions(stored, appliedAt(seen));
  }

  /**
   * The ids of the events applied at the events' numbers, from the audit trail, whose entries name
   * their company's number.
   */
  private Map<String, UUID> appliedAt(List<EventEnvelope> events) {
    Map<String, UUID> applied = new HashMap<>();
    if (events.isEmpty()) {
      return applied;
    }
    jdbc.query(
        """
        SELECT company_id, company_sequence, event_id FROM audit_entry
         WHERE company_id IN (:companies) AND company_sequence IN (:sequences)
        """,
        new MapSqlParameterSource()
            .addValue(
                "companies",
                events.stream().map(EventEnvelope::companyId).collect(Collectors.toSet()))
            .addValue(
                "sequences",
                events.stream().map(EventEnvelope::companySequence).collect(Collectors.toSet())),
        row -> {
          applied.put(
              row.getObject("company_id", UUID.class) + "#" + row.getLong("company_sequence"),
              row.getObject("event_id", UUID.class));
        });
    return applied;
  }

  private static String numbered(EventEnvelope event) {
    return event.companyId() + "#" + event.companySequence();
  }

  /** The positions of some companies, as stored and as moved by the events admitted since. */
  final class Positions {

    private final Map<UUID, Long> stored;
    private final Map<UUID, Long> current;

    /** The ids of the events applied at numbers, read and admitted since, by {@link #numbered}. */
    private final Map<String, UUID> applied;

    private Positions(Map<UUID, Long> stored, Map<String, UUID> applied) {
      this.stored = stored;
      this.current = new HashMap<>(stored);
      this.applied = applied;
    }

    /** Whether the event is its company's next one, a duplicate, or early; moves nothing. */
    Admission admission(EventEnvelope event) {
      long applied = applied(event.companyId());
      if (event.companySequence() <= applied) {
        return Admission.DUPLICATE;
      }
      return event.companySequence() > applied + 1 ? Admission.EARLY : Admission.NEXT;
    }

    /** Moves the company's position to the event, its next one ({@link #admission}). */
    void admit(EventEnvelope event) {
      current.put(event.companyId(), event.companySequence());
      applied.put(numbered(event), event.eventId());
    }

    /**
     * Whether an event at or below its company's position ({@code DUPLICATE}) is not the event
     * applied at its number: not a redelivery but a second event given that number.
     *
     * @return why it is another event, or null if it is the one applied (or none is known)
     */
    ConflictingEventException conflict(EventEnvelope event) {
      UUID same = applied.get(numbered(event));
      return same != null && !same.equals(event.eventId())
          ? ConflictingEventException.inCompanySequence(event, same)
          : null;
    }

    /** Why the event has to wait. */
    VersionGapException gap(EventEnvelope event) {
      return VersionGapException.inCompanySequence(event, applied(event.companyId()));
    }

    private long applied(UUID companyId) {
      return current.getOrDefault(companyId, 0L);
    }

    /**
     * Stores the positions that moved. A position is moved only from the value read, and a company
     * met for the first time is inserted, so that should another consumer have applied the same
     * events meanwhile, the transaction fails (and its records are redelivered) instead of applying
     * them twice.
     *
     * @throws IllegalStateException if a position moved meanwhile
     */
    void write() {
      List<SqlParameterSource> inserts = new ArrayList<>();
      List<SqlParameterSource> updates = new ArrayList<>();
      current.forEach(
          (company, applied) -> {
            Long before = stored.get(company);
            if (before == null) {
              inserts.add(position(company, applied, 0));
            } else if (before < applied) {
              updates.add(position(company, applied, before));
            }
          });
      // A conflict on a company's first position is a duplicate key error: the other consumer won.
      jdbc.batchUpdate(
          "INSERT INTO company_event_position (company_id, applied) VALUES (:companyId, :applied)",
          inserts.toArray(SqlParameterSource[]::new));
      CompareAndSet.update(
          jdbc,
          """
          UPDATE company_event_position SET applied = :applied
           WHERE company_id = :companyId AND applied = :before
          """,
          updates,
          "the position of company %s moved while its events were applied");
    }

    private static SqlParameterSource position(UUID company, long applied, long before) {
      return new MapSqlParameterSource()
          .addValue("companyId", company)
          .addValue("applied", applied)
          .addValue("before", before);
    }
  }
}
