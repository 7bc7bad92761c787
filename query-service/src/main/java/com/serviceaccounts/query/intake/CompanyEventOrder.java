package com.serviceaccounts.query.intake;

import com.serviceaccounts.events.EventEnvelope;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets a company's events through strictly in company-sequence order, once each: the {@code
 * company_event_position} table holds, per company, the sequence number of the last event applied.
 * Called in the transaction that applies the event, so the position and the projections move
 * together.
 */
@Component
class CompanyEventOrder {

  private final JdbcClient jdbc;

  CompanyEventOrder(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Advances the company's position to the event if it is the company's next one.
   *
   * @return {@code true} if the event is next and is to be applied; {@code false} if it was applied
   *     before (a duplicate)
   * @throws VersionGapException if an earlier event of the company has not been applied yet
   */
  boolean admit(EventEnvelope event) {
    if (advanced(event)) {
      return true;
    }
    Optional<Long> applied = position(event.companyId());
    if (applied.isPresent() && event.companySequence() <= applied.get()) {
      return false;
    }
    throw VersionGapException.inCompanySequence(event, applied.orElse(0L));
  }

  private boolean advanced(EventEnvelope event) {
    if (event.companySequence() == 1) {
      return jdbc.sql(
                  """
                  INSERT INTO company_event_position (company_id, applied) VALUES (:companyId, 1)
                  ON CONFLICT (company_id) DO NOTHING
                  """)
              .param("companyId", event.companyId())
              .update()
          == 1;
    }
    return jdbc.sql(
                """
                UPDATE company_event_position SET applied = :sequence
                 WHERE company_id = :companyId AND applied = :sequence - 1
                """)
            .param("companyId", event.companyId())
            .param("sequence", event.companySequence())
            .update()
        == 1;
  }

  private Optional<Long> position(UUID companyId) {
    return jdbc.sql("SELECT applied FROM company_event_position WHERE company_id = :companyId")
        .param("companyId", companyId)
        .query(Long.class)
        .optional();
  }
}
