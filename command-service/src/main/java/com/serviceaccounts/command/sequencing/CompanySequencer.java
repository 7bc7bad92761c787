package com.serviceaccounts.command.sequencing;

import com.serviceaccounts.events.serviceaccount.ServiceAccountEvent;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Numbers every event within its company: metadata {@value #COMPANY_SEQUENCE} = 1 for a company's
 * first event, +1 for each further one, with no gaps.
 *
 * <p>Axon runs the event bus's dispatch interceptors when the command's unit of work prepares to
 * commit, inside its database transaction and just before the events are appended. The number comes
 * from an upsert of the company's row in {@code company_event_sequence}: a rolled-back command
 * gives its numbers back, and the row lock, held until commit, makes a second transaction of the
 * same company wait, so a company's events commit (and get their event-store index) in sequence
 * order. The cost is that one company's commands commit one at a time.
 */
@Component
public class CompanySequencer implements MessageDispatchInterceptor<EventMessage<?>> {

  /** The metadata key of the event's place in its company's sequence (a number from 1). */
  public static final String COMPANY_SEQUENCE = "companySequence";

  private final JdbcClient jdbc;

  CompanySequencer(JdbcClient jdbc, EventBus eventBus) {
    this.jdbc = jdbc;
    eventBus.registerDispatchInterceptor(this);
  }

  @Override
  public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
      List<? extends EventMessage<?>> messages) {
    return (index, message) -> {
      if (!(message.getPayload() instanceof ServiceAccountEvent event)) {
        return message;
      }
      return message.andMetaData(MetaData.with(COMPANY_SEQUENCE, next(event.companyId())));
    };
  }

  private long next(UUID companyId) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      // Outside a transaction the number and the event could be committed apart.
      throw new IllegalStateException(
          "events of company " + companyId + " must be published inside a transaction");
    }
    return jdbc.sql(
            """
            INSERT INTO company_event_sequence (company_id, last) VALUES (:companyId, 1)
            ON CONFLICT (company_id) DO UPDATE SET last = company_event_sequence.last + 1
            RETURNING last
            """)
        .param("companyId", companyId)
        .query(Long.class)
        .single();
  }
}
